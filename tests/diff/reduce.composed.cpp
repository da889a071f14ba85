// Finite-difference law for reductions in compositions: sum_sq (the L2 regulariser), a mean
// broadcast back over what it reduced (centering), and the internal row and column sums that
// backward passes of broadcasts and svm_loss build (diff/rules/reduce.hpp). Batch 1 and 3.
#include <boost/test/unit_test.hpp>

#include "support/gradcheck.hpp"

using namespace exprnet;
using namespace exprnet::literals;
using exprnet_test::law;

namespace {
constexpr auto x = input<"x", 3>;
constexpr auto z = input<"z", 2>;
constexpr auto W = param<"W", 2, 3>;
constexpr auto c = param<"c", 2>;
}  // namespace

BOOST_AUTO_TEST_CASE(sum_of_squares) {
    constexpr auto loss = sum_sq(W * x - z) + 1e-1_c * sum_sq(W);
    BOOST_TEST(law<1>(loss, wrt(W)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(centering_by_a_mean) {
    // W x - mean(W x): a 1x1 reduction broadcast back over the matrix it reduced.
    constexpr auto loss = sum(hadamard(W * x - mean(W * x), z));
    BOOST_TEST(law<1>(loss, wrt(W)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(row_and_column_sums) {
    // rowsum and colsum are internal nodes (backward passes of broadcasts and svm_loss make
    // them); their own rules spread the adjoint back over the columns / the rows.
    constexpr auto rows = detail::make_rowwise_sum(hadamard(W * x, z));  // 2 x 1
    constexpr auto cols = detail::make_colwise_sum(W * x);               // 1 x batch
    constexpr auto loss = sum(hadamard(rows, c)) + sum(hadamard(cols, detail::make_colwise_sum(z)));
    BOOST_TEST(law<1>(loss, wrt(W, c)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, c)) < 1e-6);
}
