/// @file
/// exprnet, the batch-64 training workloads as "<workload>/exprnet_grads": the training program
/// of I → 100 relu → 10 with softmax cross-entropy for batch<64>, called with a grads_for arena
/// (the fused call, exprnet_train_fused.cpp, is "<workload>/exprnet"); the call writes every gradient,
/// then one SGD loop runs over the whole params arena, `p.flat() -= lr * g.flat()`, as
/// documented in docs/evaluation.md. Included by one small TU per input size.
#pragma once

#include "common.hpp"
#include "exprnet_nets.hpp"

namespace bench {

/// Options: further compile options (exprnet_train_checked.cpp: check_finite).
template <int I, int Batch, class... Options>
struct exprnet_two_layer_train {
    using net = nets::two_layer<I>;
    exprnet::params_for<decltype(net::loss)> p;
    exprnet::grads_for<decltype(net::loss)> g;
    decltype(exprnet::compile<exprnet::batch<Batch>, Options...>(net::loss, exprnet::wrt(net::W1, net::b1, net::W2, net::b2))) train;
    Eigen::MatrixXf x, y;

    explicit exprnet_two_layer_train(const problem& d) : x(d.x), y(d.y) {
        p.set_zero();
        g.set_zero();
        p[net::W1] = d.W[0], p[net::b1] = d.b[0];
        p[net::W2] = d.W[1], p[net::b2] = d.b[1];
    }
    float step(float lr) {
        const float loss = train(p, g, net::x = x, net::y = y);
        p.flat() -= lr * g.flat();
        return loss;
    }
    std::vector<Eigen::MatrixXf> weights() const { return {p[net::W1], p[net::W2]}; }
    std::vector<Eigen::VectorXf> biases() const { return {p[net::b1], p[net::b2]}; }
};

}  // namespace bench
