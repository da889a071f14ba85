// exprnet, mlp_784_100_10_grad_b64/exprnet: the training program of the net (the program of
// mlp_784_100_10_train_b64/exprnet_grads) called with a grads_for arena, without the SGD update:
// the gradient call the second-order calls are compared with.
#include "second_order_exprnet.hpp"

namespace bench::second_order {
namespace {

struct exprnet_grad : exprnet_state {
    static constexpr returns value = returns::loss;
    decltype(exprnet::compile<exprnet::batch<64>>(net::loss, net::parameters)) program;
    using exprnet_state::exprnet_state;
    float call() { return program(p, out, net::x = x, net::y = y); }
    std::vector<Eigen::MatrixXf> result() const { return blocks(); }
};

}  // namespace
}  // namespace bench::second_order

BENCH_SECOND_ORDER(bench::second_order::kind::grad, "exprnet", bench::second_order::exprnet_grad);
