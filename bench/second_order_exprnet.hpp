/// @file
/// exprnet's second-order systems (second_order.hpp) on 784 → 100 relu → 10, batch 64: the
/// programs compiled from bench::nets::two_layer<784>, reading the params and the direction from
/// two `params_for` arenas and writing into a `grads_for` arena. One TU per program
/// (second_order_exprnet_*.cpp), each registering its benchmark.
#pragma once

#include "exprnet_nets.hpp"
#include "second_order.hpp"

namespace bench::second_order {

using net = nets::two_layer<784>;

/// Reverse-over-reverse: vᵀ∇L, whose gradient is H·v.
inline constexpr auto v_dot_grad = exprnet::sum(exprnet::hadamard(exprnet::grad(net::loss, net::W1), exprnet::direction(net::W1))) +
                                   exprnet::sum(exprnet::hadamard(exprnet::grad(net::loss, net::b1), exprnet::direction(net::b1))) +
                                   exprnet::sum(exprnet::hadamard(exprnet::grad(net::loss, net::W2), exprnet::direction(net::W2))) +
                                   exprnet::sum(exprnet::hadamard(exprnet::grad(net::loss, net::b2), exprnet::direction(net::b2)));

/// The arenas and the data every exprnet system reads.
struct exprnet_state {
    exprnet::params_for<decltype(net::loss)> p, v;
    exprnet::grads_for<decltype(net::loss)> out;
    Eigen::MatrixXf x, y;

    exprnet_state(const problem& d, const direction_data& dir) : x(d.x), y(d.y) {
        p.set_zero(), v.set_zero(), out.set_zero();
        p[net::W1] = d.W[0], p[net::b1] = d.b[0], p[net::W2] = d.W[1], p[net::b2] = d.b[1];
        v[net::W1] = dir.V[0], v[net::b1] = dir.vb[0], v[net::W2] = dir.V[1], v[net::b2] = dir.vb[1];
    }
    /// The grads_for arena's four blocks, in the problem's layout.
    std::vector<Eigen::MatrixXf> blocks() const {
        return {out[net::W1], out[net::b1], out[net::W2], out[net::b2]};
    }
};

}  // namespace bench::second_order
