// Finite-difference law for a network compiled with dynamic_batch: the products that involve
// the batch are cut into 16-column chunks plus single columns (eval/evaluator.hpp), forward
// (W x) and backward (G xᵀ, summing over the batch).
#include <boost/test/unit_test.hpp>

#include "support/gradcheck.hpp"

using namespace exprnet;
using namespace exprnet::literals;
using exprnet_test::law_dynamic;

namespace {
constexpr auto x = input<"x", 5>;
constexpr auto y = input<"y", 3>;
constexpr auto W1 = param<"W1", 6, 5>;
constexpr auto b1 = param<"b1", 6>;
constexpr auto W2 = param<"W2", 3, 6>;
constexpr auto b2 = param<"b2", 3>;
}  // namespace

BOOST_AUTO_TEST_CASE(dynamic_batch_program) {
    // compile<dynamic_batch>: 19 columns = one 16-column product chunk plus 3 single columns,
    // in the forward products (W x) and in the backward ones summing over the batch (G xᵀ).
    constexpr auto loss = mse(W2 * tanh(W1 * x + b1) + b2, y);
    BOOST_TEST(law_dynamic<19>(loss, wrt(W1, b1, W2, b2)) < 1e-6);
}
