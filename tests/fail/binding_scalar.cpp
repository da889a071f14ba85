// Compile-fail: binding a double matrix to a float program. The message names the input and
// both scalar types.
// expect-error: exprnet: x = matrix: the data's scalar type is not the program's.*input_scalar_differs_from_the_programs<exprnet::input_leaf<.*double, float>
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 3>;
constexpr auto W = param<"W", 2, 3>;
constexpr auto net = W * x;

int main() {
    auto infer = compile(net);
    params_for<decltype(net)> p;
#if defined(EXPRNET_SHOULD_FAIL)
    const Eigen::Matrix<double, 3, 1> xb = Eigen::Matrix<double, 3, 1>::Zero();  // the mistake
#else
    const Eigen::Matrix<float, 3, 1> xb = Eigen::Matrix<float, 3, 1>::Zero();
#endif
    return infer(p, x = xb)(0, 0) == 0.0f ? 0 : 1;
}
