// Finite-difference law for log_softmax (its rule G - exp(h) ⊙ colsum(G) from its output h,
// diff/rules/loss.hpp) under a generic readout, and cross-entropy written with it, which must
// agree with the fused softmax_cross_entropy (value and gradients) and with the one written
// through log(softmax(s)) (loss.softmax.cpp). Batch 1 and batch 4.
// The gradient at scores whose exp overflows: eval/log_softmax.cpp.
#include <boost/test/unit_test.hpp>

#include "support/gradcheck.hpp"

using namespace exprnet;
using exprnet_test::law;
using exprnet_test::one_hot;

namespace {
constexpr auto x = input<"x", 3>;
constexpr auto y = input<"y", 4>;  // one-hot labels
constexpr auto z = input<"z", 4>;
constexpr auto W = param<"W", 4, 3>;
constexpr auto b = param<"b", 4>;
constexpr auto scores = W * x + b;
}  // namespace

BOOST_AUTO_TEST_CASE(log_softmax_under_a_readout) {
    // sum(log_softmax(s) ⊙ z) with random z: G = z, whose columns do not sum to 0.
    constexpr auto loss = sum(hadamard(log_softmax(scores), z));
    BOOST_TEST(law<1>(loss, wrt(W, b)) < 1e-6);
    BOOST_TEST(law<4>(loss, wrt(W, b)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(cross_entropy_through_log_softmax) {
    // -(1/N) sum y ⊙ log_softmax(s): the negative log-likelihood, PyTorch's
    // nll_loss(log_softmax(s)), with log_softmax's rule instead of the fused one.
    constexpr auto loss = -sum(hadamard(y, log_softmax(scores))) / count_leaf<1, batch_dim>{};
    std::mt19937 rng(exprnet_test::default_seed);
    const auto y1 = one_hot<4>(1, rng);
    const auto y4 = one_hot<4>(4, rng);
    BOOST_TEST(law<1>(loss, wrt(W, b), y = y1) < 1e-6);
    BOOST_TEST(law<4>(loss, wrt(W, b), y = y4) < 1e-6);
    // And the fused loss agrees with it, value and gradients.
    constexpr auto fused = softmax_cross_entropy(scores, y);
    auto nll = compile<batch<4>, scalar_type<double>>(loss, wrt(W, b));
    auto fused_program = compile<batch<4>, scalar_type<double>>(fused, wrt(W, b));
    params_for<decltype(fused), double> p;
    grads_for<decltype(fused), double> g1, g2;
    p.flat().setRandom();
    const auto xb = exprnet_test::random_input<3>(4, rng);
    const double l1 = nll(p, g1, x = xb, y = y4);
    const double l2 = fused_program(p, g2, x = xb, y = y4);
    BOOST_TEST(l1 == l2, boost::test_tools::tolerance(1e-12));
    BOOST_TEST((g1.flat() - g2.flat()).norm() <= 1e-12 * g2.flat().norm());
}
