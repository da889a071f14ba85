// Compile-fail: two params named "W" with different shapes in one expression, reported by
// compile(...), naming both.
// expect-error: exprnet: two different symbols share one name.*symbols_share_a_name<exprnet::param_leaf<.*, 4, 6>, exprnet::param_leaf<.*, 6, 5>
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 5>;
constexpr auto y = input<"y", 4>;
constexpr auto W1 = param<"W", 6, 5>;
#if defined(EXPRNET_SHOULD_FAIL)
constexpr auto W2 = param<"W", 4, 6>;  // the mistake: the name is taken by W1
#else
constexpr auto W2 = param<"W2", 4, 6>;
#endif
constexpr auto loss = softmax_cross_entropy(W2 * relu(W1 * x), y);

int main() {
    auto train = compile<batch<2>>(loss, wrt(W1, W2));
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    const Eigen::Matrix<float, 5, 2> xb = Eigen::Matrix<float, 5, 2>::Zero();
    Eigen::Matrix<float, 4, 2> yb = Eigen::Matrix<float, 4, 2>::Zero();
    yb(0, 0) = yb(1, 1) = 1.0f;
    return train(p, g, x = xb, y = yb) > 0.0f ? 0 : 1;
}
