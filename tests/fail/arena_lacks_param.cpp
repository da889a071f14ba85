// Compile-fail: a program called with the arena of a smaller network.
// expect-error: exprnet: program call: the arena passed lacks a param the program needs
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 3>;
constexpr auto W1 = param<"W1", 4, 3>;
constexpr auto W2 = param<"W2", 2, 4>;
constexpr auto hidden = relu(W1 * x);
constexpr auto net = W2 * hidden;

int main() {
    auto infer = compile(net);
#if defined(EXPRNET_SHOULD_FAIL)
    params_for<decltype(hidden)> p;  // the mistake: holds W1 only
#else
    params_for<decltype(net)> p;
#endif
    const Eigen::Matrix<float, 3, 1> xb = Eigen::Matrix<float, 3, 1>::Zero();
    return infer(p, x = xb)(0, 0) == 0.0f ? 0 : 1;
}
