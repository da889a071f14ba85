// exprnet, mlp_784_100_10_hvp_b64/exprnet_for: the Hessian-vector product, forward-over-reverse,
// `compile<batch<64>>(hvp(loss, wrt(W1, b1, W2, b2)))` called as `h(p, v, hv, x = ..., y = ...)`.
// Also exprnet_hvp_once(), the result the hand-written H·v is checked against.
#include "second_order_exprnet.hpp"

namespace bench::second_order {
namespace {

struct exprnet_hvp_for : exprnet_state {
    static constexpr returns value = returns::loss;
    decltype(exprnet::compile<exprnet::batch<64>>(exprnet::hvp(net::loss, net::parameters))) program;
    using exprnet_state::exprnet_state;
    float call() { return program(p, v, out, net::x = x, net::y = y); }
    std::vector<Eigen::MatrixXf> result() const { return blocks(); }
};

}  // namespace

std::vector<Eigen::MatrixXf> exprnet_hvp_once() {
    auto sys = std::make_unique<exprnet_hvp_for>(data(base), direction());
    sys->call();
    return sys->result();
}

}  // namespace bench::second_order

BENCH_SECOND_ORDER(bench::second_order::kind::hvp, "exprnet_for", bench::second_order::exprnet_hvp_for);
