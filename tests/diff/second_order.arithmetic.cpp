// Second-order laws (tests/support/second_order_check.hpp) for the arithmetic gates and the
// structural nodes: add and subtract (distribute), hadamard (swap: its Hessian couples the two
// operands), divide, max and min (route; Maxout), negate, a product of two params, a transpose
// of a param, and a param shared by two layers (gradients add at the branch, and so do their
// tangents). Biases (broadcast → rowsum in the backward pass) and softmax (colsum) appear in
// every classifier here.
#include <boost/test/unit_test.hpp>

#include "support/second_order_check.hpp"

using namespace exprnet;
using namespace exprnet::literals;
using namespace exprnet_test::nets;
using exprnet_test::jvp_law;
using exprnet_test::second_order_law;

namespace {
constexpr auto W3 = param<"W3", 4, 3>;

template <class Scores, class... Params>
void check_scores(Scores scores, wrt_list<Params...> params) {
    const auto yb = labels<5>();
    BOOST_TEST(second_order_law<5>(softmax_cross_entropy(scores, y), params, y = yb) < 1e-6);
    BOOST_TEST(jvp_law<5>(scores, params) < 1e-6);
}
}  // namespace

BOOST_AUTO_TEST_CASE(add_subtract_negate) {
    check_scores(W2 * (tanh(W1 * x + b1) - tanh(W3 * x)) + -b2, wrt(W1, b1, W3, W2, b2));
}

BOOST_AUTO_TEST_CASE(hadamard_of_two_layers) {
    check_scores(W2 * hadamard(tanh(W1 * x + b1), W3 * x) + b2, wrt(W1, b1, W3, W2));
}

BOOST_AUTO_TEST_CASE(divide) {
    check_scores(W2 * ((W1 * x + b1) / (square(W3 * x) + 1_c)), wrt(W1, b1, W3, W2));
}

BOOST_AUTO_TEST_CASE(maxout) {
    // CS231n's Maxout: max(W1 x + b1, W3 x); max routes, so only the winner's params move.
    check_scores(W2 * max(W1 * x + b1, W3 * x) + b2, wrt(W1, b1, W3, W2, b2));
}

BOOST_AUTO_TEST_CASE(minimum) {
    check_scores(W2 * min(W1 * x + b1, W3 * x) + b2, wrt(W1, W3, W2));
}

BOOST_AUTO_TEST_CASE(product_of_params) {
    // W2 * M is batch-independent: computed once per call, with its own tangent vW2 M + W2 vM.
    constexpr auto M = param<"M", 4, 4>;
    check_scores((W2 * M) * tanh(W1 * x + b1) + b2, wrt(W1, M, W2));
}

BOOST_AUTO_TEST_CASE(transposed_param) {
    constexpr auto V = param<"V", 4, 3>;  // used as the 3x4 output layer
    check_scores(transpose(V) * sigmoid(W1 * x + b1) + b2, wrt(W1, b1, V));
}

BOOST_AUTO_TEST_CASE(weight_sharing) {
    // The same W in two layers: H's W block sums four paths.
    constexpr auto W = param<"W", 3, 3>;
    check_scores(W * tanh(W * x + b2) + b2, wrt(W, b2));
}
