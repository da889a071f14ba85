// Finite-difference law for the matrix product rule of diff/rules/matmul.hpp: for A·B,
// dA = G·Bᵀ and dB = Aᵀ·G. Param times input, chains, products of params, outer products.
// Batch 1 and batch 3. (Transposes and the batch in other positions: matmul.transpose.cpp.)
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
constexpr auto A = param<"A", 2, 4>;
constexpr auto B = param<"B", 4, 3>;
constexpr auto c = param<"c", 2>;
constexpr auto u = param<"u", 1, 3>;

template <class E>
constexpr auto readout(E e) {
    return sum(hadamard(e, z));
}
}  // namespace

BOOST_AUTO_TEST_CASE(param_times_input) {
    constexpr auto loss = readout(W * x);
    law<1>(loss, wrt(W));
    law<3>(loss, wrt(W));
}

BOOST_AUTO_TEST_CASE(chain_of_products) {
    // U (W x): the adjoint of W x is Uᵀ G, that of U is G (W x)ᵀ.
    constexpr auto loss = readout(U * (W * x));
    law<1>(loss, wrt(U, W));
    law<3>(loss, wrt(U, W));
}

BOOST_AUTO_TEST_CASE(product_of_two_params) {
    constexpr auto loss = readout((A * B) * x);
    law<1>(loss, wrt(A, B));
    law<3>(loss, wrt(A, B));
}

BOOST_AUTO_TEST_CASE(outer_product_of_params) {
    // c u is 2x1 times 1x3: an outer product (inner dimension 1), not a scaling.
    constexpr auto loss = readout((c * u) * x);
    law<1>(loss, wrt(c, u));
    law<3>(loss, wrt(c, u));
}
