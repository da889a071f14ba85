// Compile-fail: an hvp program called with a direction arena of another type than the params'.
// expect-error: exprnet: jvp/hvp program call: the direction arena v must have the params arena.s type
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 3>;
constexpr auto y = input<"y", 2>;
constexpr auto W = param<"W", 2, 3>;
constexpr auto b = param<"b", 2>;
constexpr auto loss = softmax_cross_entropy(W * x + b, y);

int main() {
    auto prog = compile<batch<2>>(hvp(loss, wrt(W, b)));
    params_for<decltype(loss)> p;
#if defined(EXPRNET_SHOULD_FAIL)
    grads_for<decltype(loss)> v;  // the mistake: a gradient arena as the direction
#else
    params_for<decltype(loss)> v;
#endif
    grads_for<decltype(loss)> hv;
    const Eigen::Matrix<float, 3, 2> xb = Eigen::Matrix<float, 3, 2>::Zero();
    Eigen::Matrix<float, 2, 2> yb = Eigen::Matrix<float, 2, 2>::Zero();
    yb(0, 0) = yb(1, 1) = 1.0f;
    return prog(p, v, hv, x = xb, y = yb) > 0.0f ? 0 : 1;
}
