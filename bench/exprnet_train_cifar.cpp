// exprnet, mlp_3072_100_10_train_b64 (see exprnet_train.hpp).
#include "exprnet_train.hpp"

BENCH_TRAIN(bench::workload::cifar_train_b64, "exprnet_grads", bench::exprnet_two_layer_train<3072, 64>);
