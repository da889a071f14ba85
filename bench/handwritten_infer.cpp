// Hand-written Eigen, mlp_784_100_10_infer (see handwritten.hpp). "handwritten" is the
// fastest variant measured; the others are kept to show what the choice was made against.
//
// The GEMV variants make g++ 12 at -O3 report -Waggressive-loop-optimizations inside Eigen's
// GEMV ("iteration 4611686018427387903 invokes undefined behavior", Eigen/src/Core/util/
// BlasUtil.h), a false positive about sizes that cannot occur; silenced for this file only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Waggressive-loop-optimizations"
#endif
#include "handwritten.hpp"

using bench::workload;
using namespace bench::hw;

// <I, W1 order, W1 lazyProduct, W2 order, W2 lazyProduct, fixed-size maps>
BENCH_INFER(workload::mnist_infer, "handwritten", two_layer_infer<784, RowMajor, true, ColMajor, true, true>);
BENCH_INFER(workload::mnist_infer, "handwritten_dynamic", two_layer_infer<784, RowMajor, true, ColMajor, true, false>);
BENCH_INFER(workload::mnist_infer, "handwritten_rowmajor_gemv", two_layer_infer<784, RowMajor, false, ColMajor, true, true>);
BENCH_INFER(workload::mnist_infer, "handwritten_colmajor_gemv", two_layer_infer<784, ColMajor, false, ColMajor, true, true>);
BENCH_INFER(workload::mnist_infer, "handwritten_gemv_gemv", two_layer_infer<784, RowMajor, false, RowMajor, false, true>);
BENCH_INFER(workload::mnist_infer, "handwritten_colmajor_lazy", two_layer_infer<784, ColMajor, true, ColMajor, true, true>);
