// Second-order laws (tests/support/second_order_check.hpp) for the activations with kinks or
// piecewise slopes: relu, leaky_relu, elu, prelu (a learned slope), hard_tanh and abs. Their
// backward rules multiply by masks and slopes whose own derivative is zero almost everywhere
// (elu's slope excepted: its derivative is [h ≤ 0]), so the Hessian of a two-layer softmax
// classifier comes mostly from the loss and the second layer.
#include <boost/test/unit_test.hpp>

#include "support/second_order_check.hpp"

using namespace exprnet;
using namespace exprnet::literals;
using namespace exprnet_test::nets;
using exprnet_test::jvp_law;
using exprnet_test::second_order_law;

BOOST_AUTO_TEST_CASE(relu_layer) { check_classifier(relu(W1 * x + b1)); }
BOOST_AUTO_TEST_CASE(leaky_relu_layer) { check_classifier(leaky_relu(W1 * x + b1, 0.1_c)); }
BOOST_AUTO_TEST_CASE(elu_layer) { check_classifier(elu(W1 * x + b1)); }
BOOST_AUTO_TEST_CASE(hard_tanh_layer) { check_classifier(hard_tanh(2_c * (W1 * x + b1))); }
BOOST_AUTO_TEST_CASE(abs_layer) { check_classifier(abs(W1 * x + b1)); }

BOOST_AUTO_TEST_CASE(prelu_layer) {
    // The slope is a param too: its Hessian entries with W2 are not zero.
    constexpr auto a = param<"a", 4>;
    constexpr auto scores = W2 * prelu(W1 * x + b1, a) + b2;
    const auto yb = labels<5>();
    BOOST_TEST(second_order_law<5>(softmax_cross_entropy(scores, y), wrt(W1, b1, a, W2), y = yb) < 1e-6);
    BOOST_TEST(jvp_law<5>(scores, wrt(W1, a)) < 1e-6);
}
