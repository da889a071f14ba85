// Hand-written Eigen, mlp_784_100_10_infer (see handwritten.hpp). "handwritten" is the
// fastest variant measured; the others are kept to show what the choice was made against.
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
