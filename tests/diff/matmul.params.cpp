// Finite-difference law for products of params (A B) x and outer products (c u) x, rule of
// diff/rules/matmul.hpp (dA = G·Bᵀ, dB = Aᵀ·G). Batch 1 and batch 3.
#include <boost/test/unit_test.hpp>

#include "support/gradcheck.hpp"

using namespace exprnet;
using namespace exprnet::literals;
using exprnet_test::law;

namespace {
constexpr auto x = input<"x", 3>;
constexpr auto z = input<"z", 2>;
constexpr auto A = param<"A", 2, 4>;
constexpr auto B = param<"B", 4, 3>;
constexpr auto c = param<"c", 2>;
constexpr auto u = param<"u", 1, 3>;

template <class E>
constexpr auto readout(E e) {
    return sum(hadamard(e, z));
}
}  // namespace

BOOST_AUTO_TEST_CASE(product_of_two_params) {
    constexpr auto loss = readout((A * B) * x);
    BOOST_TEST(law<1>(loss, wrt(A, B)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(A, B)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(outer_product_of_params) {
    // c u is 2x1 times 1x3: an outer product (inner dimension 1), not a scaling.
    constexpr auto loss = readout((c * u) * x);
    BOOST_TEST(law<1>(loss, wrt(c, u)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(c, u)) < 1e-6);
}
