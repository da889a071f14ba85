// Finite-difference law for the transpose rule of diff/rules/matmul.hpp (for Aᵀ, dA = Gᵀ):
// a transposed param, and products with the batch as the rows (xᵀ T). Batch 1 and batch 3.
// (The batch as the inner dimension, and dynamic_batch: matmul.batch.cpp.)
#include <boost/test/unit_test.hpp>

#include "support/gradcheck.hpp"

using namespace exprnet;
using namespace exprnet::literals;
using exprnet_test::law;
using exprnet_test::law_dynamic;

namespace {
constexpr auto x = input<"x", 3>;
constexpr auto z = input<"z", 2>;
constexpr auto T = param<"T", 3, 2>;  // Tᵀ is 2 x 3, like W

template <class E>
constexpr auto readout(E e) {
    return sum(hadamard(e, z));
}
}  // namespace

BOOST_AUTO_TEST_CASE(transposed_param) {
    constexpr auto loss = readout(transpose(T) * x);
    BOOST_TEST(law<1>(loss, wrt(T)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(T)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(batch_as_the_rows) {
    // xᵀ T is batch x 2, read out against zᵀ; its transpose (Tᵀ x, 2 x batch) against z.
    constexpr auto loss = sum(hadamard(transpose(x) * T, transpose(z))) + readout(transpose(transpose(x) * T));
    BOOST_TEST(law<1>(loss, wrt(T)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(T)) < 1e-6);
}
