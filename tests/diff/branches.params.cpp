// Finite-difference law where a param is used more than once, so its gradient is a sum over
// its uses (diff/grad.hpp): in a chain S relu(S x), elementwise (P ⊙ P, (P x) ⊙ (P x)), and in
// a residual connection (paths of different lengths that meet). Batch 1 and batch 3.
#include <boost/test/unit_test.hpp>

#include "support/gradcheck.hpp"

using namespace exprnet;
using namespace exprnet::literals;
using exprnet_test::law;

namespace {
constexpr auto x = input<"x", 3>;
constexpr auto z = input<"z", 2>;
constexpr auto z3 = input<"z3", 3>;
constexpr auto S = param<"S", 3, 3>;  // square: S relu(S x) uses S twice
constexpr auto P = param<"P", 2, 3>;

template <class E>
constexpr auto readout(E e) {
    return sum(hadamard(e, z));
}
}  // namespace

BOOST_AUTO_TEST_CASE(param_used_twice_in_a_chain) {
    // S relu(S x): S receives G relu(S x)ᵀ from the outer product and (Sᵀ G ⊙ mask) xᵀ from the inner.
    constexpr auto loss = sum(hadamard(S * relu(S * x), z3));
    BOOST_TEST(law<1>(loss, wrt(S)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(S)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(param_used_twice_elementwise) {
    constexpr auto loss = sum(hadamard(P, P)) + readout(hadamard(P * x, P * x)) + readout(P * x);
    BOOST_TEST(law<1>(loss, wrt(P)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(P)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(residual_connection) {
    // Paths of different lengths from a = S x: a itself and S relu(a), meeting in the sum.
    constexpr auto a = S * x;
    constexpr auto loss = sum(hadamard(a + S * relu(a), z3));
    BOOST_TEST(law<1>(loss, wrt(S)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(S)) < 1e-6);
}
