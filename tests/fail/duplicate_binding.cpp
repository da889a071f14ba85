// Compile-fail: a training program called with one input bound twice (the first binding used
// to win silently). The message names the input.
// expect-error: exprnet: program call: an input is bound twice.*input_is_bound_twice<exprnet::input_leaf<
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 5>;
constexpr auto y = input<"y", 4>;
constexpr auto W = param<"W", 4, 5>;
constexpr auto b = param<"b", 4>;
constexpr auto loss = softmax_cross_entropy(W * x + b, y);

int main() {
    auto train = compile<batch<2>>(loss, wrt(W, b));
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    const Eigen::Matrix<float, 5, 2> a = Eigen::Matrix<float, 5, 2>::Zero();
    [[maybe_unused]] const Eigen::Matrix<float, 5, 2> a2 = Eigen::Matrix<float, 5, 2>::Ones();
    Eigen::Matrix<float, 4, 2> yb = Eigen::Matrix<float, 4, 2>::Zero();
    yb(0, 0) = yb(1, 1) = 1.0f;
#if defined(EXPRNET_SHOULD_FAIL)
    return train(p, g, x = a, x = a2, y = yb) > 0.0f ? 0 : 1;  // the mistake: x twice
#else
    return train(p, g, x = a, y = yb) > 0.0f ? 0 : 1;
#endif
}
