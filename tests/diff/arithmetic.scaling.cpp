// Finite-difference law for unary minus and for scaling by compile-time constants (left, right,
// by a ratio, divided by a constant, folded products of constants, a scaled param before a
// product); rules of diff/rules/arithmetic.hpp. Batch 1 and batch 3.
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

template <class E>
constexpr auto readout(E e) {
    return sum(hadamard(e, z));
}
}  // namespace

BOOST_AUTO_TEST_CASE(negation) {
    constexpr auto loss = readout(-(W * x) + hadamard(V * x, V * x));
    BOOST_TEST(law<1>(loss, wrt(W, V)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, V)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(scaling_by_constants) {
    // Left and right scaling, a ratio, a division by a constant, and a folded product of constants.
    constexpr auto loss = readout(0.5_c * (W * x) + (V * x) * 3_c - (W * x) / 4_c + ratio_c<1, 3> * (2_c * (V * x)));
    BOOST_TEST(law<1>(loss, wrt(W, V)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, V)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(scaling_a_param_before_the_product) {
    constexpr auto loss = readout(2_c * W * x - (V / 2_c) * x);
    BOOST_TEST(law<1>(loss, wrt(W, V)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, V)) < 1e-6);
}
