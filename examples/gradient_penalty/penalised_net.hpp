// The classify2d spiral net (2 -> Hidden ReLU units -> 3 scores, examples/classify2d/) with
// Drucker & LeCun's input-gradient penalty in its loss: Lambda * sum_sq(dL/dx), where dL/dx is
// the gradient of the data loss with respect to the input, itself differentiated with respect to
// the weights when the loss is compiled (double backprop). No L2: the penalty is the only
// regulariser, and Lambda = 0_c is the plain net (0 * e folds to 0, and L + 0 to L).
#pragma once

#include "../classify2d/spiral_net.hpp"

#include <exprnet/exprnet.hpp>

namespace gradient_penalty {

template <int Hidden, auto Lambda>
struct penalised_net {
    static constexpr int hidden = Hidden;
    static constexpr double lambda = decltype(Lambda)::value;

    static constexpr auto x = exprnet::input<"x", 2>;
    static constexpr auto y = exprnet::input<"y", classify2d::classes>;
    static constexpr auto W1 = exprnet::param<"W1", Hidden, 2>;
    static constexpr auto b1 = exprnet::param<"b1", Hidden>;
    static constexpr auto W2 = exprnet::param<"W2", classify2d::classes, Hidden>;
    static constexpr auto b2 = exprnet::param<"b2", classify2d::classes>;
    static constexpr auto scores = W2 * relu(W1 * x + b1) + b2;
    static constexpr auto data_loss = softmax_cross_entropy(scores, y);
    // dL/dx is 2 x N: column j is the gradient of sample j's own loss, divided by N (the data
    // loss is the mean of the N per-sample losses), so penalty = (1/N²) Σⱼ ‖∇ₓ lossⱼ‖².
    static constexpr auto penalty = sum_sq(grad(data_loss, x));
    static constexpr auto loss = data_loss + Lambda * penalty;

    using params = exprnet::params_for<decltype(loss)>;
    using grads = exprnet::grads_for<decltype(loss)>;
};

}  // namespace gradient_penalty
