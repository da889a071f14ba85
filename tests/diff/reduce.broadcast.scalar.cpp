// Finite-difference law for the broadcast of a 1x1 param over everything (diff/rules/reduce.hpp:
// its adjoint is the sum of G): added, scaling, divided by and dividing. Batch 1 and batch 3.
#include <boost/test/unit_test.hpp>

#include "support/gradcheck.hpp"

using namespace exprnet;
using namespace exprnet::literals;
using exprnet_test::gradcheck_options;
using exprnet_test::law;

namespace {
constexpr auto x = input<"x", 3>;
constexpr auto z = input<"z", 2>;
constexpr auto W = param<"W", 2, 3>;
constexpr auto s = param<"s", 1, 1>;     // a scalar

template <class E>
constexpr auto readout(E e) {
    return sum(hadamard(e, z));
}
}  // namespace

BOOST_AUTO_TEST_CASE(scalar_param) {
    constexpr auto loss = readout(W * x + s + s * (W * x));
    BOOST_TEST(law<1>(loss, wrt(W, s)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, s)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(division_by_a_scalar_param) {
    gradcheck_options opt;
    opt.param_lo = 0.5;  // keeps s away from 0
    opt.param_hi = 1.5;
    constexpr auto loss = readout((W * x) / s + s / (W * x + 4_c));
    BOOST_TEST(law<1>(loss, wrt(W, s), opt) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, s), opt) < 1e-6);
}
