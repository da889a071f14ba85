// Finite-difference law for the rule of elementwise max (diff/rules/arithmetic.hpp): the
// adjoint goes to the winner, [a ≥ b] to the left operand and [a < b] to the right one.
// Random data: a tie between two different operands has probability ~0.
#include <boost/test/unit_test.hpp>

#include "support/gradcheck.hpp"

using namespace exprnet;
using namespace exprnet::literals;
using exprnet_test::law;

namespace {
constexpr auto x = input<"x", 3>;
constexpr auto z = input<"z", 2>;
constexpr auto W = param<"W", 2, 3>;
constexpr auto V = param<"V", 2, 3>;
constexpr auto b = param<"b", 2>;
constexpr auto c = param<"c", 2>;

template <class E>
constexpr auto readout(E e) {
    return sum(hadamard(e, z));
}
}  // namespace

BOOST_AUTO_TEST_CASE(max_of_two_products) {
    constexpr auto loss = readout(max(W * x, V * x));
    BOOST_TEST(law<1>(loss, wrt(W, V)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, V)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(maxout) {
    constexpr auto loss = readout(max(W * x + b, V * x + c));
    BOOST_TEST(law<1>(loss, wrt(W, b, V, c)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, b, V, c)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(max_with_a_constant) {
    // The constant is broadcast; only the expression side has a gradient.
    constexpr auto loss = readout(max(W * x, 0.25_c) + max(-0.25_c, V * x));
    BOOST_TEST(law<1>(loss, wrt(W, V)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, V)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(max_of_a_node_with_itself) {
    // max(a, a) = a: a tie everywhere. The masks [a ≥ a] = 1 and [a < a] = 0 add up to exactly
    // one copy of the adjoint, which is the derivative of the identity.
    constexpr auto loss = readout(max(W * x, W * x));
    BOOST_TEST(law<1>(loss, wrt(W)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W)) < 1e-6);
}
