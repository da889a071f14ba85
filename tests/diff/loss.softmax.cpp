// Finite-difference law for softmax alone inside a loss (its Jacobian-vector product
// p ⊙ (G - colsum(G ⊙ p)), diff/rules/loss.hpp), and cross-entropy written by hand through
// softmax and log, which must agree with the fused softmax_cross_entropy. Batch 1 and batch 4.
#include <boost/test/unit_test.hpp>

#include "support/gradcheck.hpp"

using namespace exprnet;
using namespace exprnet::literals;
using exprnet_test::law;
using exprnet_test::one_hot;

namespace {
constexpr auto x = input<"x", 3>;
constexpr auto y = input<"y", 4>;  // one-hot labels, or regression targets for mse
constexpr auto z = input<"z", 4>;
constexpr auto W = param<"W", 4, 3>;
constexpr auto b = param<"b", 4>;
constexpr auto scores = W * x + b;
}  // namespace

BOOST_AUTO_TEST_CASE(softmax_inside_a_loss) {
    // A generic readout of the probabilities: sum(softmax(s) ⊙ z) with random z.
    constexpr auto loss = sum(hadamard(softmax(scores), z));
    BOOST_TEST(law<1>(loss, wrt(W, b)) < 1e-6);
    BOOST_TEST(law<4>(loss, wrt(W, b)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(cross_entropy_written_by_hand) {
    // -(1/N) sum y ⊙ log softmax(s): through softmax's own rule and log's instead of the fused one.
    constexpr auto loss = -sum(hadamard(y, log(softmax(scores)))) / count_leaf<1, batch_dim>{};
    std::mt19937 rng(exprnet_test::default_seed);
    const auto y1 = one_hot<4>(1, rng);
    const auto y4 = one_hot<4>(4, rng);
    BOOST_TEST(law<1>(loss, wrt(W, b), y = y1) < 1e-6);
    BOOST_TEST(law<4>(loss, wrt(W, b), y = y4) < 1e-6);
    // And the fused loss agrees with it, value and gradients.
    constexpr auto fused = softmax_cross_entropy(scores, y);
    auto by_hand = compile<batch<4>, scalar_type<double>>(loss, wrt(W, b));
    auto fused_program = compile<batch<4>, scalar_type<double>>(fused, wrt(W, b));
    params_for<decltype(fused), double> p;
    grads_for<decltype(fused), double> g1, g2;
    p.flat().setRandom();
    const auto xb = exprnet_test::random_input<3>(4, rng);
    const double l1 = by_hand(p, g1, x = xb, y = y4);
    const double l2 = fused_program(p, g2, x = xb, y = y4);
    BOOST_TEST(l1 == l2, boost::test_tools::tolerance(1e-12));
    BOOST_TEST((g1.flat() - g2.flat()).norm() <= 1e-12 * g2.flat().norm());
}
