// exprnet, mlp_784_100_10_hvp_b64/exprnet_ror: the Hessian-vector product, reverse-over-reverse:
// the training program of vᵀ∇L (v_dot_grad, second_order_exprnet.hpp), whose gradient is H·v,
// called as `r(p, v, hv, x = ..., y = ...)`; it returns vᵀ∇L, not the loss.
#include "second_order_exprnet.hpp"

namespace bench::second_order {
namespace {

struct exprnet_hvp_ror : exprnet_state {
    static constexpr returns value = returns::dot;
    decltype(exprnet::compile<exprnet::batch<64>>(v_dot_grad, net::parameters)) program;
    using exprnet_state::exprnet_state;
    float call() { return program(p, v, out, net::x = x, net::y = y); }
    std::vector<Eigen::MatrixXf> result() const { return blocks(); }
};

}  // namespace
}  // namespace bench::second_order

BENCH_SECOND_ORDER(bench::second_order::kind::hvp, "exprnet_ror", bench::second_order::exprnet_hvp_ror);
