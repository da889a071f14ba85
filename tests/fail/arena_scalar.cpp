// Compile-fail: a float program called with double arenas.
// expect-error: exprnet: program call: the arena.s scalar type is not the program.s
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 3>;
constexpr auto W = param<"W", 2, 3>;
constexpr auto net = W * x;

int main() {
    auto infer = compile(net);
#if defined(EXPRNET_SHOULD_FAIL)
    params_for<decltype(net), double> p;  // the mistake: the program computes in float
#else
    params_for<decltype(net)> p;
#endif
    const Eigen::Matrix<float, 3, 1> xb = Eigen::Matrix<float, 3, 1>::Zero();
    return infer(p, x = xb)(0, 0) == 0.0f ? 0 : 1;
}
