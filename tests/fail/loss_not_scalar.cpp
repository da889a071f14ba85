// Compile-fail: a training program for a loss that is not 1x1.
// expect-error: exprnet: grad / compile.loss, wrt.*needs a 1x1 loss
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 3>;
constexpr auto W = param<"W", 2, 3>;
#if defined(EXPRNET_SHOULD_FAIL)
constexpr auto loss = square(W * x);  // the mistake: 2 x N, not reduced
#else
constexpr auto loss = sum(square(W * x));
#endif

int main() {
    auto train = compile(loss, wrt(W));
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    const Eigen::Matrix<float, 3, 1> xb = Eigen::Matrix<float, 3, 1>::Zero();
    return train(p, g, x = xb) == 0.0f ? 0 : 1;
}
