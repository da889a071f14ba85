// Compile-fail: a program called with a matrix where a binding x = matrix belongs (one message
// per argument, naming its type, rather than a wall of errors from the binding code).
// expect-error: exprnet: program call: after the arenas .or sgd.lr.., every argument must be a binding.*argument_is_not_a_binding<Eigen::Matrix<float, 5, 2
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 5>;
constexpr auto W = param<"W", 4, 5>;
constexpr auto net = W * x;

int main() {
    auto infer = compile<batch<2>>(net);
    params_for<decltype(net)> p;
    const Eigen::Matrix<float, 5, 2> xb = Eigen::Matrix<float, 5, 2>::Zero();
#if defined(EXPRNET_SHOULD_FAIL)
    return infer(p, xb)(0, 0) == 0.0f ? 0 : 1;  // the mistake: xb, not x = xb
#else
    return infer(p, x = xb)(0, 0) == 0.0f ? 0 : 1;
#endif
}
