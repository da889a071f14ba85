// Compile-fail: wrt(...) lists an input; inputs are data and have no gradient slot.
// expect-error: exprnet: wrt..... takes only param<> symbols
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 5>;
constexpr auto y = input<"y", 4>;
constexpr auto W = param<"W", 4, 5>;
constexpr auto b = param<"b", 4>;
constexpr auto loss = softmax_cross_entropy(W * x + b, y);

int main() {
#if defined(EXPRNET_SHOULD_FAIL)
    auto train = compile<batch<2>>(loss, wrt(W, x));  // the mistake: x is an input
#else
    auto train = compile<batch<2>>(loss, wrt(W, b));
#endif
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    const Eigen::Matrix<float, 5, 2> xb = Eigen::Matrix<float, 5, 2>::Zero();
    Eigen::Matrix<float, 4, 2> yb = Eigen::Matrix<float, 4, 2>::Zero();
    yb(0, 0) = yb(1, 1) = 1.0f;
    return train(p, g, x = xb, y = yb) > 0.0f ? 0 : 1;
}
