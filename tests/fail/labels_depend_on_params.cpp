// Compile-fail: the labels of a loss computed from a param (they must be data).
// expect-error: exprnet: loss.scores, labels.: the labels must not depend on a param
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 5>;
constexpr auto t = input<"t", 4>;
constexpr auto W = param<"W", 4, 5>;
constexpr auto V = param<"V", 4, 5>;
#if defined(EXPRNET_SHOULD_FAIL)
constexpr auto loss = mse(W * x, V * x);  // the mistake: the target depends on V
#else
constexpr auto loss = mse(W * x, t);
#endif

int main() {
    auto train = compile<batch<2>>(loss, wrt(W));
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    const Eigen::Matrix<float, 5, 2> xb = Eigen::Matrix<float, 5, 2>::Zero();
    const Eigen::Matrix<float, 4, 2> tb = Eigen::Matrix<float, 4, 2>::Zero();
    static_assert(decltype(V)::rows == 4);
    return train(p, g, x = xb, t = tb) == 0.0f ? 0 : 1;
}
