// Compile-fail: a run-time number in an expression (0.5f * x); the type is the graph, so a
// number must be a compile-time constant (0.5_c).
// expect-error: exprnet: a run-time number cannot be part of an expression type
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;
using namespace exprnet::literals;

constexpr auto x = input<"x", 5>;
constexpr auto W = param<"W", 4, 5>;
#if defined(EXPRNET_SHOULD_FAIL)
constexpr auto scaled = 0.5f * x;  // the mistake
#else
constexpr auto scaled = 0.5_c * x;
#endif
constexpr auto out = W * scaled;

int main() {
    auto infer = compile<batch<2>>(out);
    params_for<decltype(out)> p;
    const Eigen::Matrix<float, 5, 2> xb = Eigen::Matrix<float, 5, 2>::Zero();
    return infer(p, x = xb)(0, 0) == 0.0f ? 0 : 1;
}
