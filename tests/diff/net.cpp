// Finite-difference law for a whole network, the README's two-layer classifier with L2
// regularisation: W2 relu(W1 x + b1) + b2 under softmax_cross_entropy, every param at once,
// batch 4. (A network at batch 1: net.subset.cpp; every op at batch 1: the other files. One
// network program costs several seconds of compile time, hence one per file.)
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

BOOST_AUTO_TEST_CASE(two_layer_classifier_with_l2) {
    constexpr auto scores = W2 * relu(W1 * x + b1) + b2;
    constexpr auto loss = softmax_cross_entropy(scores, y) + 1e-2_c * (sum_sq(W1) + sum_sq(W2));
    std::mt19937 rng(exprnet_test::default_seed);
    const auto y4 = one_hot<3>(4, rng);
    BOOST_TEST(law<4>(loss, wrt(W1, b1, W2, b2), y = y4) < 1e-6);
}
