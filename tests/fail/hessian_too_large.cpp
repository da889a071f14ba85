// Compile-fail: a dense Hessian of more scalars than hessian_limit (1024).
// expect-error: exprnet: hessian.loss, wrt....... the params listed have more scalars than the dense Hessian.s limit
#include <exprnet/exprnet.hpp>
#include <exprnet/eval/hessian.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 784>;
constexpr auto y = input<"y", 10>;
constexpr auto W = param<"W", 10, 784>;
constexpr auto b = param<"b", 10>;
constexpr auto loss = softmax_cross_entropy(W * x + b, y);

int main() {
#if defined(EXPRNET_SHOULD_FAIL)
    auto hess = compile<batch<2>, scalar_type<double>>(hessian(loss, wrt(W, b)));  // the mistake: 7850 columns
#else
    auto hess = compile<batch<2>, scalar_type<double>>(hessian(loss, wrt(b)));
#endif
    params_for<decltype(loss), double> p;
    Eigen::MatrixXd H(decltype(hess)::size, decltype(hess)::size);
    const Eigen::Matrix<double, 784, 2> xb = Eigen::Matrix<double, 784, 2>::Zero();
    Eigen::Matrix<double, 10, 2> yb = Eigen::Matrix<double, 10, 2>::Zero();
    yb(0, 0) = yb(1, 1) = 1.0;
    return hess(p, H, x = xb, y = yb) > 0.0 ? 0 : 1;
}
