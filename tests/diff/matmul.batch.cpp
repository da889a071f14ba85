// Finite-difference law for products where the batch is not (only) the columns: the inner
// dimension ((W x) xᵀ, as in every G·xᵀ of a backward pass), and a dynamic_batch program called
// with 19 columns (a 16-column chunk and a remainder) with the batch as columns, inner
// dimension and rows. Rules of diff/rules/matmul.hpp.
#include <boost/test/unit_test.hpp>

#include "support/gradcheck.hpp"

using namespace exprnet;
using namespace exprnet::literals;
using exprnet_test::law;
using exprnet_test::law_dynamic;

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

BOOST_AUTO_TEST_CASE(batch_as_the_inner_dimension) {
    // (W x) xᵀ is 2x3: the product sums over the samples (as G·xᵀ does in every backward pass).
    constexpr auto loss = sum(hadamard((W * x) * transpose(x), K));
    BOOST_TEST(law<1>(loss, wrt(W, K)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, K)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(dynamic_batch_in_every_position) {
    // compile<dynamic_batch> with 19 columns (a 16-column chunk and a remainder): the batch as
    // the columns (W x), the inner dimension ((W x) xᵀ) and the rows (xᵀ T).
    constexpr auto loss = sum(hadamard((W * x) * transpose(x), K)) + sum(hadamard(transpose(x) * T, transpose(z)));
    BOOST_TEST(law_dynamic<19>(loss, wrt(W, K, T)) < 1e-6);
}
