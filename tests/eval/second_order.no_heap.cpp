// No heap allocation in a second-order call (support/alloc_counter.hpp): an hvp call and a jvp
// call on the 784-100-10 batch-64 net, a dense Hessian call (its direction and product arenas
// are members of the program), and a training call of a loss that contains a gradient.
#include "support/alloc_counter.hpp"  // first: it configures Eigen

#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

#include "support/two_layer_784.hpp"

#include <memory>

using namespace exprnet;
using namespace exprnet::literals;
using namespace two_layer_784;
using loss_t = std::remove_const_t<decltype(loss)>;

namespace {
struct data {
    Eigen::MatrixXf xs = Eigen::MatrixXf::Constant(784, 64, 0.5f);
    Eigen::MatrixXf ys = Eigen::MatrixXf::Zero(10, 64);
    data() { ys.row(3).setOnes(); }
};
}  // namespace

BOOST_AUTO_TEST_CASE(hvp_and_jvp_calls_allocate_nothing) {
    const data d;
    auto hv_program = compile<batch<64>>(hvp(loss, wrt(W1, b1, W2, b2)));
    auto jv_program = compile<batch<64>>(jvp(scores, wrt(W1, b1, W2, b2)));
    auto p = std::make_unique<params_for<loss_t>>();
    auto v = std::make_unique<params_for<loss_t>>();
    auto hv = std::make_unique<grads_for<loss_t>>();
    p->flat().setConstant(0.01f);
    v->flat().setConstant(-0.02f);
    hv_program(*p, *v, *hv, x = d.xs, y = d.ys);  // first calls outside the count
    float sink = jv_program(*p, *v, x = d.xs)(0, 0);
    const auto n = alloc_counter::count([&] {
        for (int k = 0; k < 3; ++k) {
            sink += hv_program(*p, *v, *hv, x = d.xs, y = d.ys);
            sink += jv_program(*p, *v, x = d.xs)(0, 0);
        }
    });
    BOOST_TEST(n.operator_new == 0u);
    BOOST_TEST(n.eigen_malloc == 0u);
    BOOST_TEST(std::isfinite(sink));
    BOOST_TEST(hv->flat().norm() > 0.0f);
}

BOOST_AUTO_TEST_CASE(hessian_and_double_backprop_calls_allocate_nothing) {
    const data d;
    auto hess = compile<batch<64>>(hessian(loss, wrt(b2)));
    auto p = std::make_unique<params_for<loss_t>>();
    p->flat().setConstant(0.01f);
    Eigen::Matrix<float, 10, 10> H;
    hess(*p, H, x = d.xs, y = d.ys);

    constexpr auto penalised = loss + 0.1_c * sum_sq(grad(loss, x));
    auto train = compile<batch<64>>(penalised, wrt(W1, b1, W2, b2));
    auto g = std::make_unique<grads_for<loss_t>>();
    train(*p, *g, x = d.xs, y = d.ys);
    const auto n = alloc_counter::count([&] {
        hess(*p, H, x = d.xs, y = d.ys);
        train(*p, *g, x = d.xs, y = d.ys);
    });
    BOOST_TEST(n.operator_new == 0u);
    BOOST_TEST(n.eigen_malloc == 0u);
    BOOST_TEST(H.norm() > 0.0f);
}
