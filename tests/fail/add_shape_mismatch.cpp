// Compile-fail: a bias of the wrong height (W x is 4 x batch, c is 3x1: no broadcast fits).
// expect-error: exprnet: A . B, A - B, hadamard.A, B. and max.A, B. need equal shapes
//
// The ok build is a whole training step; in the ko build only the bias changes.
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 5>;
constexpr auto y = input<"y", 4>;
constexpr auto W = param<"W", 4, 5>;
#if defined(EXPRNET_SHOULD_FAIL)
constexpr auto b = param<"b", 3>;  // the mistake: W * x + b needs a bias of 4 rows
#else
constexpr auto b = param<"b", 4>;
#endif
constexpr auto loss = softmax_cross_entropy(W * x + b, y);

int main() {
    auto train = compile<batch<2>>(loss, wrt(W, b));
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    const Eigen::Matrix<float, 5, 2> xb = Eigen::Matrix<float, 5, 2>::Zero();
    Eigen::Matrix<float, 4, 2> yb = Eigen::Matrix<float, 4, 2>::Zero();
    yb(0, 0) = yb(1, 1) = 1.0f;
    return train(p, g, x = xb, y = yb) > 0.0f ? 0 : 1;
}
