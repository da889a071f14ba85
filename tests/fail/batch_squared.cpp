// Compile-fail: a product of batch x batch columns (xᵀ * x), reported where it is written.
// expect-error: exprnet: A . B: the product would be batch x batch.*product_would_be_batch_by_batch<exprnet::shape<-1, 3>, exprnet::shape<3, -1>
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 3>;
constexpr auto W = param<"W", 3, 3>;
#if defined(EXPRNET_SHOULD_FAIL)
constexpr auto net = sum(transpose(x) * (W * x));  // the mistake: N x N
#else
constexpr auto net = sum(x * transpose(W * x));  // 3 x 3
#endif

int main() {
    auto infer = compile<batch<2>>(net);
    params_for<decltype(net)> p;
    const Eigen::Matrix<float, 3, 2> xb = Eigen::Matrix<float, 3, 2>::Zero();
    return infer(p, x = xb)(0, 0) == 0.0f ? 0 : 1;
}
