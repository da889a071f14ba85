// Hand-written Eigen, the tiny net (2 → 16 tanh → 16 tanh → 2), one sample: inference and
// training step (see handwritten.hpp). "handwritten" is the fastest variant measured; the
// others are kept to show what the choice was made against (bench/README.md).
#include "handwritten.hpp"

using bench::workload;
using namespace bench::hw;

// <W1 and W2 storage order, W3 storage order, lazyProduct for the 16 × 16 and 2 × 16 layers
// (else Eigen's GEMV)>
BENCH_INFER(workload::tiny_infer, "handwritten", tiny_infer<ColMajor, RowMajor, true>);
BENCH_INFER(workload::tiny_infer, "handwritten_all_colmajor", tiny_infer<ColMajor, ColMajor, true>);
BENCH_INFER(workload::tiny_infer, "handwritten_rowmajor", tiny_infer<RowMajor, RowMajor, true>);
BENCH_INFER(workload::tiny_infer, "handwritten_gemv", tiny_infer<ColMajor, RowMajor, false>);

// <fold the SGD update into the outer products, W3 storage order>
BENCH_TRAIN(workload::tiny_train, "handwritten", tiny_train<true, ColMajor>);
BENCH_TRAIN(workload::tiny_train, "handwritten_unfolded", tiny_train<false, ColMajor>);
BENCH_TRAIN(workload::tiny_train, "handwritten_w3_rowmajor", tiny_train<true, RowMajor>);
