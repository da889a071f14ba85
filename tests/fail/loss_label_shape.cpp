// Compile-fail: softmax_cross_entropy with labels of another shape than the scores
// (4 classes, labels declared with 10 rows).
// expect-error: exprnet: loss.scores, labels. needs labels of the same shape as scores
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 5>;
#if defined(EXPRNET_SHOULD_FAIL)
constexpr auto y = input<"y", 10>;  // the mistake: the scores have 4 rows
#else
constexpr auto y = input<"y", 4>;
#endif
constexpr auto W = param<"W", 4, 5>;
constexpr auto b = param<"b", 4>;
constexpr auto loss = softmax_cross_entropy(W * x + b, y);

int main() {
    auto train = compile<batch<2>>(loss, wrt(W, b));
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    const Eigen::Matrix<float, 5, 2> xb = Eigen::Matrix<float, 5, 2>::Zero();
    Eigen::Matrix<float, decltype(y)::rows, 2> yb = Eigen::Matrix<float, decltype(y)::rows, 2>::Zero();
    yb(0, 0) = yb(1, 1) = 1.0f;
    return train(p, g, x = xb, y = yb) > 0.0f ? 0 : 1;
}
