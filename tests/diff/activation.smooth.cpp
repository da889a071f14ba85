// Finite-difference law for the smooth elementwise functions of diff/rules/activation.hpp:
// sigmoid (σ(1 - σ), from the output), tanh (1 - tanh², from the output), exp (itself),
// log (G / a; on positive arguments only) and square (2a). Batch 1 and batch 3.
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

BOOST_AUTO_TEST_CASE(sigmoid_activation) {
    constexpr auto loss = readout(sigmoid(W * x + b));
    BOOST_TEST(law<1>(loss, wrt(W, b)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, b)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(tanh_activation) {
    constexpr auto loss = readout(tanh(W * x + b));
    BOOST_TEST(law<1>(loss, wrt(W, b)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, b)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(exp_function) {
    constexpr auto loss = readout(exp(W * x + b));
    BOOST_TEST(law<1>(loss, wrt(W, b)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, b)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(log_of_a_sigmoid) {
    constexpr auto loss = readout(log(sigmoid(W * x + b)));
    BOOST_TEST(law<1>(loss, wrt(W, b)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, b)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(log_of_an_exp) {
    // log(exp(a)) = a: the two rules compose to the identity, G / exp(a) ⊙ exp(a).
    constexpr auto loss = readout(log(exp(W * x + b)));
    BOOST_TEST(law<1>(loss, wrt(W, b)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, b)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(square_function) {
    constexpr auto loss = readout(square(W * x + b));
    BOOST_TEST(law<1>(loss, wrt(W, b)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, b)) < 1e-6);
}
