// Finite-difference law for the matrix product rule of diff/rules/matmul.hpp: for A·B,
// dA = G·Bᵀ and dB = Aᵀ·G. Param times input and chains. Batch 1 and batch 3. (Products of
// params: matmul.params.cpp; transposes: matmul.transpose.cpp; the batch elsewhere than the
// columns: matmul.batch.cpp.)
#include <boost/test/unit_test.hpp>

#include "support/gradcheck.hpp"

using namespace exprnet;
using namespace exprnet::literals;
using exprnet_test::law;

namespace {
constexpr auto x = input<"x", 3>;
constexpr auto z = input<"z", 2>;
constexpr auto W = param<"W", 2, 3>;
constexpr auto U = param<"U", 2, 2>;

template <class E>
constexpr auto readout(E e) {
    return sum(hadamard(e, z));
}
}  // namespace

BOOST_AUTO_TEST_CASE(param_times_input) {
    constexpr auto loss = readout(W * x);
    BOOST_TEST(law<1>(loss, wrt(W)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(chain_of_products) {
    // U (W x): the adjoint of W x is Uᵀ G, that of U is G (W x)ᵀ.
    constexpr auto loss = readout(U * (W * x));
    BOOST_TEST(law<1>(loss, wrt(U, W)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(U, W)) < 1e-6);
}
