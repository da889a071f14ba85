// Finite-difference law for the piecewise-linear activations of diff/rules/activation.hpp,
// whose rules read the forward *output*: relu (G ⊙ [h > 0]), leaky_relu with the default slope
// 0.01, a custom slope and slope 0, and elu (slope 1 or h + 1). Batch 1 and batch 3.
// The pre-activations are continuous random numbers: one within h = 1e-6 of the kink at 0 has
// probability ~1e-6, and the seeds are fixed, so the tests are deterministic.
#include <boost/test/unit_test.hpp>

#include "support/gradcheck.hpp"

using namespace exprnet;
using namespace exprnet::literals;
using exprnet_test::law;

namespace {
constexpr auto x = input<"x", 3>;
constexpr auto z = input<"z", 4>;
constexpr auto W = param<"W", 4, 3>;
constexpr auto b = param<"b", 4>;

template <class E>
constexpr auto readout(E e) {
    return sum(hadamard(e, z));
}
}  // namespace

BOOST_AUTO_TEST_CASE(relu_activation) {
    constexpr auto loss = readout(relu(W * x + b));
    BOOST_TEST(law<1>(loss, wrt(W, b)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, b)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(leaky_relu_default_slope) {
    constexpr auto loss = readout(leaky_relu(W * x + b));
    BOOST_TEST(law<1>(loss, wrt(W, b)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, b)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(leaky_relu_custom_slope) {
    constexpr auto loss = readout(leaky_relu(W * x + b, 0.2_c));
    BOOST_TEST(law<1>(loss, wrt(W, b)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, b)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(leaky_relu_slope_zero_is_relu) {
    constexpr auto loss = readout(leaky_relu(W * x + b, 0_c));
    BOOST_TEST(law<1>(loss, wrt(W, b)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, b)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(elu_activation) {
    constexpr auto loss = readout(elu(W * x + b));
    BOOST_TEST(law<1>(loss, wrt(W, b)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, b)) < 1e-6);
}
