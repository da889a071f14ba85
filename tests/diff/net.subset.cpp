// Finite-difference law for a network whose wrt(...) lists only some of its params: the
// others are read but get no gradient. svm_loss over a tanh layer, batch 1.
#include <boost/test/unit_test.hpp>

#include "support/gradcheck.hpp"

using namespace exprnet;
using namespace exprnet::literals;
using exprnet_test::law;
using exprnet_test::one_hot;

namespace {
constexpr auto x = input<"x", 5>;
constexpr auto y = input<"y", 3>;
constexpr auto W1 = param<"W1", 6, 5>;
constexpr auto b1 = param<"b1", 6>;
constexpr auto W2 = param<"W2", 3, 6>;
constexpr auto b2 = param<"b2", 3>;
}  // namespace

BOOST_AUTO_TEST_CASE(subset_of_the_params) {
    // wrt(...) may list some params only; the others are read but get no gradient.
    constexpr auto loss = svm_loss(W2 * tanh(W1 * x + b1) + b2, y);
    std::mt19937 rng(exprnet_test::default_seed + 7);
    const auto y1 = one_hot<3>(1, rng);
    BOOST_TEST(law<1>(loss, wrt(b1, W2), y = y1) < 1e-6);
}
