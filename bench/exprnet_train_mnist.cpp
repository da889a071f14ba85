// exprnet, mlp_784_100_10_train_b64 (see exprnet_train.hpp), also with check_finite (what looking
// at every step's result costs when it is on; off, the program is unchanged: docs/reliability.md).
#include "exprnet_train.hpp"

BENCH_TRAIN(bench::workload::mnist_train_b64, "exprnet_grads", bench::exprnet_two_layer_train<784, 64>);
BENCH_TRAIN(bench::workload::mnist_train_b64, "exprnet_grads_check_finite",
            bench::exprnet_two_layer_train<784, 64, exprnet::check_finite>);
