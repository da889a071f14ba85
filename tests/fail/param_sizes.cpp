// Compile-fail: a param with a zero size.
// expect-error: exprnet: param<.*need positive sizes
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 3>;
#if defined(EXPRNET_SHOULD_FAIL)
constexpr auto W = param<"W", 0, 3>;  // the mistake
#else
constexpr auto W = param<"W", 2, 3>;
#endif
constexpr auto net = W * x;

int main() {
    auto infer = compile(net);
    params_for<decltype(net)> p;
    const Eigen::Matrix<float, 3, 1> xb = Eigen::Matrix<float, 3, 1>::Zero();
    return infer(p, x = xb)(0, 0) == 0.0f ? 0 : 1;
}
