// Finite-difference law for the broadcast rules (diff/rules/reduce.hpp): a broadcast sums its
// adjoint over what it repeated — an Rx1 column over the batch (rowsum), a 1xC row over the
// rows (colsum), a 1x1 scalar over everything (sum) — at batch 1 and batch 3.
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
constexpr auto b = param<"b", 2>;        // a column: broadcast over the batch
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

BOOST_AUTO_TEST_CASE(column_over_the_batch) {
    constexpr auto loss = readout(W * x + b);
    law<1>(loss, wrt(W, b));
    law<3>(loss, wrt(W, b));
}

BOOST_AUTO_TEST_CASE(column_on_the_left_and_in_products) {
    constexpr auto loss = readout(b - hadamard(b, W * x) + (W * x) / (c + 3_c));
    law<1>(loss, wrt(W, b, c));
    law<3>(loss, wrt(W, b, c));
}

BOOST_AUTO_TEST_CASE(row_over_the_rows) {
    constexpr auto loss = readout(W * x + u * x - hadamard(W * x, u * x));
    law<1>(loss, wrt(W, u));
    law<3>(loss, wrt(W, u));
}

BOOST_AUTO_TEST_CASE(scalar_param) {
    constexpr auto loss = readout(W * x + s + s * (W * x));
    law<1>(loss, wrt(W, s));
    law<3>(loss, wrt(W, s));
}

BOOST_AUTO_TEST_CASE(division_by_a_scalar_param) {
    gradcheck_options opt;
    opt.param_lo = 0.5;  // keeps s away from 0
    opt.param_hi = 1.5;
    constexpr auto loss = readout((W * x) / s + s / (W * x + 4_c));
    law<1>(loss, wrt(W, s), opt);
    law<3>(loss, wrt(W, s), opt);
}

BOOST_AUTO_TEST_CASE(fixed_shapes_column_row_scalar) {
    // No input: the batch only sizes the (unused) columns; the broadcasts are over params.
    constexpr auto loss = sum(hadamard(M + r, K) - hadamard(c, K) + s * M);
    law<1>(loss, wrt(M, K, r, c, s));
    law<3>(loss, wrt(M, K, r, c, s));
}
