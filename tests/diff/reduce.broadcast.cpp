// Finite-difference law for the broadcast rules (diff/rules/reduce.hpp): a broadcast sums its
// adjoint over what it repeated — here an Rx1 column over the batch (rowsum). Batch 1 and 3.
// (Scalars: reduce.broadcast.scalar.cpp; rows and fixed shapes: reduce.broadcast.rows.cpp.)
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
constexpr auto c = param<"c", 2>;

template <class E>
constexpr auto readout(E e) {
    return sum(hadamard(e, z));
}
}  // namespace

BOOST_AUTO_TEST_CASE(column_over_the_batch) {
    constexpr auto loss = readout(W * x + b);
    BOOST_TEST(law<1>(loss, wrt(W, b)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, b)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(column_on_the_left_and_in_products) {
    constexpr auto loss = readout(b - hadamard(b, W * x) + (W * x) / (c + 3_c));
    BOOST_TEST(law<1>(loss, wrt(W, b, c)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, b, c)) < 1e-6);
}
