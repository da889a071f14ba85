// Double backprop: losses that contain a gradient. Drucker and LeCun's input-gradient penalty
// L + λ·sum_sq(grad(L, x)) and a penalty on the gradient of the scores' sum (a critic's output,
// as WGAN-GP penalises), each checked by the finite-difference law of its own gradient
// (tests/support/gradcheck.hpp), and the penalised loss's Hessian by the second-order law: a
// third derivative of the data loss.
#include <boost/test/unit_test.hpp>

#include "support/second_order_check.hpp"

using namespace exprnet;
using namespace exprnet::literals;
using namespace exprnet_test::nets;
using exprnet_test::law;
using exprnet_test::second_order_law;

namespace {
constexpr auto scores = W2 * tanh(W1 * x + b1) + b2;
constexpr auto data_loss = softmax_cross_entropy(scores, y);
}  // namespace

BOOST_AUTO_TEST_CASE(input_gradient_penalty) {
    constexpr auto penalised = data_loss + 0.5_c * sum_sq(grad(data_loss, x));
    const auto yb = labels<5>();
    BOOST_TEST(law<5>(penalised, wrt(W1, b1, W2, b2), y = yb) < 1e-6);
    BOOST_TEST(second_order_law<5>(penalised, wrt(W1, b1, W2), y = yb) < 1e-6);
}

BOOST_AUTO_TEST_CASE(input_gradient_penalty_through_relu) {
    // relu's mask has derivative 0 almost everywhere, but the penalty still depends on W1, W2.
    constexpr auto relu_loss = softmax_cross_entropy(W2 * relu(W1 * x + b1) + b2, y);
    constexpr auto penalised = relu_loss + 0.5_c * sum_sq(grad(relu_loss, x));
    const auto yb = labels<5>();
    BOOST_TEST(law<5>(penalised, wrt(W1, b1, W2, b2), y = yb) < 1e-6);
}

BOOST_AUTO_TEST_CASE(critic_gradient_penalty) {
    // A critic D(x) = sum of the scores; penalise its input gradient's squared distance from 1
    // per element (the norm-free form of WGAN-GP's (|∇D| - 1)²).
    constexpr auto critic = sum(sigmoid(scores));
    constexpr auto penalty = mean(square(grad(critic, x) - 1_c));
    BOOST_TEST(law<5>(critic + 0.1_c * penalty, wrt(W1, b1, W2, b2)) < 1e-6);
}
