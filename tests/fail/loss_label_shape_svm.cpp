// Compile-fail: svm_loss with labels transposed (a batch x 4 matrix instead of 4 x batch).
// expect-error: exprnet: loss.scores, labels. needs labels of the same shape as scores
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 5>;
constexpr auto y = input<"y", 4>;
constexpr auto W = param<"W", 4, 5>;
constexpr auto b = param<"b", 4>;
#if defined(EXPRNET_SHOULD_FAIL)
constexpr auto loss = svm_loss(W * x + b, transpose(y));  // the mistake
#else
constexpr auto loss = svm_loss(W * x + b, y);
#endif

int main() {
    auto train = compile<batch<2>>(loss, wrt(W, b));
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    const Eigen::Matrix<float, 5, 2> xb = Eigen::Matrix<float, 5, 2>::Zero();
    Eigen::Matrix<float, 4, 2> yb = Eigen::Matrix<float, 4, 2>::Zero();
    yb(0, 0) = yb(1, 1) = 1.0f;
    return train(p, g, x = xb, y = yb) > 0.0f ? 0 : 1;
}
