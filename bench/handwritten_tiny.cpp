// Hand-written Eigen, the tiny net (2 → 16 tanh → 16 tanh → 2), one sample: inference and
// training step (see handwritten.hpp). "handwritten" is the fastest variant measured; the
// others are kept to show what the choice was made against (bench/README.md).
#include "handwritten.hpp"

using bench::workload;
using namespace bench::hw;

// <W storage order, lazyProduct for the 16 × 16 and 2 × 16 layers (else Eigen's GEMV)>
BENCH_INFER(workload::tiny_infer, "handwritten", tiny_infer<ColMajor, true>);
BENCH_INFER(workload::tiny_infer, "handwritten_rowmajor", tiny_infer<RowMajor, true>);
BENCH_INFER(workload::tiny_infer, "handwritten_gemv", tiny_infer<ColMajor, false>);

// <fold the SGD update into the outer products>
BENCH_TRAIN(workload::tiny_train, "handwritten", tiny_train<true>);
BENCH_TRAIN(workload::tiny_train, "handwritten_unfolded", tiny_train<false>);
