// Second-order laws (tests/support/second_order_check.hpp) for every loss: the fused softmax
// cross-entropy rule (p - y) / N, differentiated through softmax's Jacobian; softmax and
// log_softmax as nodes; CS231n's multiclass SVM loss (a hinge: zero second derivative almost
// everywhere, the Hessian comes from the layer below); mse; mean; and the L2 regulariser, whose
// Hessian is the constant 2λI.
#include <boost/test/unit_test.hpp>

#include "support/second_order_check.hpp"

using namespace exprnet;
using namespace exprnet::literals;
using namespace exprnet_test::nets;
using exprnet_test::jvp_law;
using exprnet_test::second_order_law;

namespace {
constexpr auto scores = W2 * tanh(W1 * x + b1) + b2;
constexpr auto target = input<"t", 3>;
}  // namespace

BOOST_AUTO_TEST_CASE(softmax_cross_entropy_with_l2) {
    const auto yb = labels<5>();
    BOOST_TEST(second_order_law<5>(softmax_cross_entropy(scores, y) + 0.01_c * sum_sq(W1), wrt(W1, b1, W2, b2), y = yb) < 1e-6);
}

BOOST_AUTO_TEST_CASE(softmax_cross_entropy_dynamic_batch) {
    // 19 columns: more than the product chunk (16) and not a multiple of it.
    const auto yb = labels<19>();
    BOOST_TEST(exprnet_test::second_order_law_dynamic<19>(softmax_cross_entropy(scores, y), wrt(W1, b1, W2, b2), y = yb) < 1e-6);
}

BOOST_AUTO_TEST_CASE(softmax_output) {
    BOOST_TEST(second_order_law<5>(sum(hadamard(softmax(scores), target)), wrt(W1, b1, W2, b2)) < 1e-6);
    BOOST_TEST(jvp_law<5>(softmax(scores), wrt(W1, W2)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(log_softmax_output) {
    const auto yb = labels<5>();
    BOOST_TEST(second_order_law<5>(-mean(hadamard(log_softmax(scores), y)), wrt(W1, b1, W2, b2), y = yb) < 1e-6);
    BOOST_TEST(jvp_law<5>(log_softmax(scores), wrt(W1, W2)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(svm_loss_hinge) {
    const auto yb = labels<5>();
    BOOST_TEST(second_order_law<5>(svm_loss(scores, y), wrt(W1, b1, W2, b2), y = yb) < 1e-6);
    BOOST_TEST(jvp_law<5>(svm_loss(scores, y), wrt(W1, W2), y = yb) < 1e-6);
}

BOOST_AUTO_TEST_CASE(mean_squared_error) {
    BOOST_TEST(second_order_law<5>(mse(scores, target), wrt(W1, b1, W2, b2)) < 1e-6);
    BOOST_TEST(jvp_law<5>(mse(scores, target), wrt(W1, b1, W2, b2)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(l2_alone_has_hessian_two_lambda) {
    // An independent oracle besides the differences: H = 2 · 0.5 · I exactly.
    constexpr auto loss = 0.5_c * sum_sq(W1);
    auto hess = compile<batch<1>, scalar_type<double>>(hessian(loss, wrt(W1)));
    params_for<decltype(loss), double> p;
    p.flat().setLinSpaced(-1.0, 1.0);
    Eigen::MatrixXd H(12, 12);
    hess(p, H);
    BOOST_TEST((H - Eigen::MatrixXd::Identity(12, 12)).norm() == 0.0);
}
