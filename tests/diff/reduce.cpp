// Finite-difference law for the reduction rules of diff/rules/reduce.hpp — a sum spreads its
// adjoint back over its operand — for sum, mean (sum / count, the count being R·N for an
// R x batch operand) and 1x1 results used again as scalars. Batch 1 and batch 3.
// (sum_sq, centering, row and column sums: reduce.composed.cpp.)
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
constexpr auto P = param<"P", 2, 3>;
}  // namespace

BOOST_AUTO_TEST_CASE(sum_of_everything) {
    // sum(W x): the adjoint of W x is a block of ones; and the plain sum of a param.
    constexpr auto loss = sum(W * x) + sum(hadamard(P, P));
    BOOST_TEST(law<1>(loss, wrt(W, P)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, P)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(product_of_two_sums) {
    // 1x1 times 1x1 is scaling: d/dW = sum(V x) ⊙ 1 xᵀ, and symmetrically.
    constexpr auto loss = sum(W * x) * sum(hadamard(V * x, z));
    BOOST_TEST(law<1>(loss, wrt(W, V)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, V)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(mean_over_elements) {
    // The count of an R x batch operand is R·N: it changes with the batch.
    constexpr auto loss = mean(hadamard(W * x, z)) + mean(square(P));
    BOOST_TEST(law<1>(loss, wrt(W, P)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, P)) < 1e-6);
}
