// Hand-written Eigen, mlp_3072_100_10_train_b64 (see handwritten.hpp): the fastest variant
// measured, and the same code with the SGD update not folded into the weight-gradient
// products (handwritten_train_variants.cpp has the other alternatives).
#include "handwritten.hpp"

using bench::workload;
using namespace bench::hw;

// <I, B, W1 order, fold the SGD update, fixed-size maps, lazyProduct for the W2 products>
BENCH_TRAIN(workload::cifar_train_b64, "handwritten", two_layer_train<3072, 64, RowMajor, true, false, false>);
BENCH_TRAIN(workload::cifar_train_b64, "handwritten_unfolded", two_layer_train<3072, 64, RowMajor, false, false, false>);
