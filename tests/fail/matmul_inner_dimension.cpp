// Compile-fail: a matrix product whose inner dimensions differ (W is 4x3, x has 5 rows).
// expect-error: exprnet: A . B .matrix product. needs A.cols == B.rows
//
// The ok build is a whole training step; the ko build changes only the layer's shape, so the
// rest (compile, arenas, the call) must stay silent: one message, plus the shapes.
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 5>;
constexpr auto y = input<"y", 4>;
#if defined(EXPRNET_SHOULD_FAIL)
constexpr auto W = param<"W", 4, 3>;  // the mistake: W * x needs W.cols == x.rows == 5
#else
constexpr auto W = param<"W", 4, 5>;
#endif
constexpr auto b = param<"b", 4>;
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
