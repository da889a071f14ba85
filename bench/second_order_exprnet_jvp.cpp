// exprnet, mlp_784_100_10_jvp_b64/exprnet: the Jacobian-vector product of the scores along all
// four params, `compile<batch<64>>(jvp(scores, wrt(W1, b1, W2, b2)))` called as
// `j(p, v, x = ...)` (the result is a map into the program's workspace). Also exprnet_jvp_once().
#include "second_order_exprnet.hpp"

namespace bench::second_order {
namespace {

struct exprnet_jvp : exprnet_state {
    static constexpr returns value = returns::nothing;
    decltype(exprnet::compile<exprnet::batch<64>>(exprnet::jvp(net::scores, net::parameters))) program;
    using exprnet_state::exprnet_state;
    float call() { return program(p, v, net::x = x)(0, 0); }
    std::vector<Eigen::MatrixXf> result() { return {Eigen::MatrixXf(program(p, v, net::x = x))}; }
};

}  // namespace

std::vector<Eigen::MatrixXf> exprnet_jvp_once() {
    auto sys = std::make_unique<exprnet_jvp>(data(base), direction());
    return sys->result();
}

}  // namespace bench::second_order

BENCH_SECOND_ORDER(bench::second_order::kind::jvp, "exprnet", bench::second_order::exprnet_jvp);
