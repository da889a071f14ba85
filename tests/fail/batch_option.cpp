// Compile-fail: batch<0> as a compile option.
// expect-error: exprnet: compile<...>: options are batch<N> .N > 0.
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 3>;
constexpr auto W = param<"W", 2, 3>;
constexpr auto net = W * x;

int main() {
#if defined(EXPRNET_SHOULD_FAIL)
    auto infer = compile<batch<0>>(net);  // the mistake
#else
    auto infer = compile<batch<1>>(net);
#endif
    params_for<decltype(net)> p;
    const Eigen::Matrix<float, 3, 1> xb = Eigen::Matrix<float, 3, 1>::Zero();
    return infer(p, x = xb)(0, 0) == 0.0f ? 0 : 1;
}
