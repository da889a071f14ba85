// Compile-fail: a fused SGD call on a net where updating one param in place would change what
// another gradient reads (dA = G (B x)ᵀ reads B, dB = Aᵀ G xᵀ reads A).
// expect-error: exprnet: program\(p, sgd\{lr\}, \.\.\.\): this network cannot be updated in place
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 2>;
constexpr auto A = param<"A", 3, 4>;
constexpr auto B = param<"B", 4, 2>;
constexpr auto loss = sum_sq(A * B * x);

int main() {
    params_for<decltype(loss)> p;
    const Eigen::Matrix<float, 2, 1> xb = Eigen::Matrix<float, 2, 1>::Ones();
#if defined(EXPRNET_SHOULD_FAIL)
    auto train = compile(loss, wrt(A, B));  // the mistake: both factors updated in place
#else
    auto train = compile(loss, wrt(A));
#endif
    return train(p, sgd{0.1f}, x = xb) == 0.0f ? 0 : 1;
}
