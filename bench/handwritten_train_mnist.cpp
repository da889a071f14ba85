// Hand-written Eigen, mlp_784_100_10_train_b64 (see handwritten.hpp): the fastest variant
// measured, and the same code with the SGD update not folded into the weight-gradient
// products (handwritten_train_variants.cpp has the other alternatives).
#include "handwritten.hpp"

using bench::workload;
using namespace bench::hw;

// <I, B, W1 order, fold the SGD update, fixed-size maps, lazyProduct for the W2 products>
BENCH_TRAIN(workload::mnist_train_b64, "handwritten", two_layer_train<784, 64, RowMajor, true, true, false>);
BENCH_TRAIN(workload::mnist_train_b64, "handwritten_unfolded", two_layer_train<784, 64, RowMajor, false, true, false>);
