// Finite-difference law for the broadcast of a 1xC row over the rows (its adjoint: colsum(G)),
// for a 1 x batch row (u x) and over fixed shapes, together with a column and a scalar over
// fixed shapes (diff/rules/reduce.hpp). Batch 1 and batch 3.
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
constexpr auto u = param<"u", 1, 3>;     // u * x is a 1 x batch row: broadcast over the rows
constexpr auto s = param<"s", 1, 1>;     // a scalar
constexpr auto M = param<"M", 2, 3>;     // fixed-shape operands
constexpr auto K = param<"K", 2, 3>;
constexpr auto r = param<"r", 1, 3>;
constexpr auto c = param<"c", 2>;

template <class E>
constexpr auto readout(E e) {
    return sum(hadamard(e, z));
}
}  // namespace

BOOST_AUTO_TEST_CASE(row_over_the_rows) {
    constexpr auto loss = readout(W * x + u * x - hadamard(W * x, u * x));
    BOOST_TEST(law<1>(loss, wrt(W, u)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, u)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(fixed_shapes_column_row_scalar) {
    // No input: the batch only sizes the (unused) columns; the broadcasts are over params.
    constexpr auto loss = sum(hadamard(M + r, K) - hadamard(c, K) + s * M);
    BOOST_TEST(law<1>(loss, wrt(M, K, r, c, s)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(M, K, r, c, s)) < 1e-6);
}
