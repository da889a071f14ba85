// exprnet, the training workloads with the fused SGD call, `train(p, sgd{lr}, x = ..., y = ...)`:
// the program subtracts each gradient from its param as it computes it (no gradient arena),
// registered as "<workload>/exprnet" (the hand-written code folds its update the same way), next
// to "<workload>/exprnet_grads", which writes the gradients into a grads_for arena and then runs
// `p.flat() -= lr * g.flat()`.
#include "common.hpp"
#include "exprnet_nets.hpp"

namespace {

namespace tiny = bench::nets::tiny;

struct tiny_fused {
    exprnet::params_for<decltype(tiny::loss)> p;
    decltype(exprnet::compile(tiny::loss, exprnet::wrt(tiny::W1, tiny::b1, tiny::W2, tiny::b2, tiny::W3, tiny::b3))) train;
    Eigen::Matrix<float, 2, 1> x, y;

    explicit tiny_fused(const bench::problem& d) : x(d.x), y(d.y) {
        p.set_zero();
        p[tiny::W1] = d.W[0], p[tiny::b1] = d.b[0];
        p[tiny::W2] = d.W[1], p[tiny::b2] = d.b[1];
        p[tiny::W3] = d.W[2], p[tiny::b3] = d.b[2];
    }
    float step(float lr) { return train(p, exprnet::sgd{lr}, tiny::x = x, tiny::y = y); }
    std::vector<Eigen::MatrixXf> weights() const { return {p[tiny::W1], p[tiny::W2], p[tiny::W3]}; }
    std::vector<Eigen::VectorXf> biases() const { return {p[tiny::b1], p[tiny::b2], p[tiny::b3]}; }
};

template <int I, int Batch>
struct two_layer_fused {
    using net = bench::nets::two_layer<I>;
    exprnet::params_for<decltype(net::loss)> p;
    decltype(exprnet::compile<exprnet::batch<Batch>>(net::loss, exprnet::wrt(net::W1, net::b1, net::W2, net::b2))) train;
    Eigen::MatrixXf x, y;

    explicit two_layer_fused(const bench::problem& d) : x(d.x), y(d.y) {
        p.set_zero();
        p[net::W1] = d.W[0], p[net::b1] = d.b[0];
        p[net::W2] = d.W[1], p[net::b2] = d.b[1];
    }
    float step(float lr) { return train(p, exprnet::sgd{lr}, net::x = x, net::y = y); }
    std::vector<Eigen::MatrixXf> weights() const { return {p[net::W1], p[net::W2]}; }
    std::vector<Eigen::VectorXf> biases() const { return {p[net::b1], p[net::b2]}; }
};

}  // namespace

BENCH_TRAIN(bench::workload::mnist_train_b64, "exprnet", two_layer_fused<784, 64>);
BENCH_TRAIN(bench::workload::tiny_train, "exprnet", tiny_fused);
BENCH_TRAIN(bench::workload::cifar_train_b64, "exprnet", two_layer_fused<3072, 64>);
