// Compile-fail: h * h meant elementwise: the matrix product of two 6 x N operands. The message
// gives both shapes and says to write hadamard(a, b).
// expect-error: exprnet: A . B is the matrix product, and two operands of this one shape cannot be multiplied.*for the elementwise product write hadamard.a, b..*matmul_inner_dimensions_must_match<exprnet::shape<6, -1>, exprnet::shape<6, -1>
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 5>;
constexpr auto W = param<"W", 6, 5>;
constexpr auto h = relu(W * x);
#if defined(EXPRNET_SHOULD_FAIL)
constexpr auto net = sum(h * h);  // the mistake: a matrix product
#else
constexpr auto net = sum(hadamard(h, h));
#endif

int main() {
    auto infer = compile<batch<2>>(net);
    params_for<decltype(net)> p;
    const Eigen::Matrix<float, 5, 2> xb = Eigen::Matrix<float, 5, 2>::Zero();
    return infer(p, x = xb)(0, 0) == 0.0f ? 0 : 1;
}
