// Finite-difference law for the rules of diff/rules/arithmetic.hpp: +, -, ⊙ and /. Each op is
// read out through sum(e ⊙ z) with a random input z, so its adjoint is a generic matrix, and
// checked at batch 1 and batch 3. (Negation and constant scaling: arithmetic.scaling.cpp; max:
// arithmetic.max.cpp; broadcasts: reduce.broadcast*.cpp.)
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

BOOST_AUTO_TEST_CASE(add) {
    constexpr auto loss = readout(W * x + V * x);
    BOOST_TEST(law<1>(loss, wrt(W, V)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, V)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(sub) {
    constexpr auto loss = readout(W * x - V * x);
    BOOST_TEST(law<1>(loss, wrt(W, V)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, V)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(hadamard_product) {
    constexpr auto loss = readout(hadamard(W * x, V * x));
    BOOST_TEST(law<1>(loss, wrt(W, V)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, V)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(division) {
    // The denominator V x + 4 lies in [1, 7]: |V x| <= 3 with entries in [-1, 1).
    constexpr auto loss = readout((W * x) / (V * x + 4_c));
    BOOST_TEST(law<1>(loss, wrt(W, V)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, V)) < 1e-6);
}
