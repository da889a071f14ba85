// Hand-written Eigen, the batch-64 training workloads: alternatives measured against the
// variant registered as "handwritten" (handwritten_train_mnist.cpp, handwritten_train_cifar.cpp),
// kept so that the choice stays visible in every run.
#include "handwritten.hpp"

using bench::workload;
using namespace bench::hw;

// <I, B, W1 order, fold the SGD update, fixed-size maps, lazyProduct for the W2 products>
BENCH_TRAIN(workload::mnist_train_b64, "handwritten_dynamic", two_layer_train<784, 64, RowMajor, true, false, false>);
BENCH_TRAIN(workload::mnist_train_b64, "handwritten_colmajor", two_layer_train<784, 64, ColMajor, true, true, false>);
BENCH_TRAIN(workload::mnist_train_b64, "handwritten_lazy_small", two_layer_train<784, 64, RowMajor, true, true, true>);
BENCH_TRAIN(workload::cifar_train_b64, "handwritten_fixed", two_layer_train<3072, 64, RowMajor, true, true, false>);
