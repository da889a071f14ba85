// Finite-difference law for the transpose rule of diff/rules/matmul.hpp (for Aᵀ, dA = Gᵀ) and
// for products where the batch is not the columns: the inner dimension (W x xᵀ, as in every
// G·xᵀ of a backward pass) or the rows (xᵀ T). Batch 1 and batch 3.
#include <boost/test/unit_test.hpp>

#include "support/gradcheck.hpp"

using namespace exprnet;
using namespace exprnet::literals;
using exprnet_test::law;

namespace {
constexpr auto x = input<"x", 3>;
constexpr auto z = input<"z", 2>;
constexpr auto W = param<"W", 2, 3>;
constexpr auto T = param<"T", 3, 2>;  // Tᵀ is 2 x 3, like W
constexpr auto K = param<"K", 2, 3>;

template <class E>
constexpr auto readout(E e) {
    return sum(hadamard(e, z));
}
}  // namespace

BOOST_AUTO_TEST_CASE(transposed_param) {
    constexpr auto loss = readout(transpose(T) * x);
    law<1>(loss, wrt(T));
    law<3>(loss, wrt(T));
}

BOOST_AUTO_TEST_CASE(batch_as_the_inner_dimension) {
    // (W x) xᵀ is 2x3: the product sums over the samples (as G·xᵀ does in every backward pass).
    constexpr auto loss = sum(hadamard((W * x) * transpose(x), K));
    law<1>(loss, wrt(W, K));
    law<3>(loss, wrt(W, K));
}

BOOST_AUTO_TEST_CASE(batch_as_the_rows) {
    // xᵀ T is batch x 2, read out against zᵀ; its transpose (Tᵀ x, 2 x batch) against z.
    constexpr auto loss = sum(hadamard(transpose(x) * T, transpose(z))) + readout(transpose(transpose(x) * T));
    law<1>(loss, wrt(T));
    law<3>(loss, wrt(T));
}
