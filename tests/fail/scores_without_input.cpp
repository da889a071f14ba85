// Compile-fail: softmax_cross_entropy of scores that depend on no input (the hidden layer
// forgot x): the labels are right, and the message says so and names the two shapes.
// expect-error: exprnet: loss.scores, labels.: the scores depend on no input.*loss_scores_depend_on_no_input<exprnet::shape<4, 1>, exprnet::shape<4, -1>
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 5>;
constexpr auto y = input<"y", 4>;
constexpr auto W1 = param<"W1", 6, 5>;
constexpr auto b1 = param<"b1", 6>;
constexpr auto W2 = param<"W2", 4, 6>;
constexpr auto b2 = param<"b2", 4>;
#if defined(EXPRNET_SHOULD_FAIL)
constexpr auto loss = softmax_cross_entropy(W2 * relu(b1) + b2, y);  // the mistake: no x
#else
constexpr auto loss = softmax_cross_entropy(W2 * relu(W1 * x + b1) + b2, y);
#endif

int main() {
    auto train = compile<batch<2>>(loss, wrt(W2, b1, b2));
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    const Eigen::Matrix<float, 5, 2> xb = Eigen::Matrix<float, 5, 2>::Zero();
    Eigen::Matrix<float, 4, 2> yb = Eigen::Matrix<float, 4, 2>::Zero();
    yb(0, 0) = yb(1, 1) = 1.0f;
    return train(p, g, x = xb, y = yb) > 0.0f ? 0 : 1;
}
