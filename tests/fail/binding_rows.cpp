// Compile-fail: a fixed-size matrix of 6 rows bound to a 5-row input. The message names the
// input and the data's rows.
// expect-error: exprnet: x = matrix: the data's row count, known at compile time, is not the input's.*input_rows_differ_from_data<exprnet::input_leaf<.*data_rows<6>
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 5>;
constexpr auto W = param<"W", 4, 5>;
constexpr auto net = W * x;

#if defined(EXPRNET_SHOULD_FAIL)
constexpr int rows = 6;  // the mistake: x has 5 rows
#else
constexpr int rows = 5;
#endif

int main() {
    auto infer = compile<batch<2>>(net);
    params_for<decltype(net)> p;
    const Eigen::Matrix<float, rows, 2> xb = Eigen::Matrix<float, rows, 2>::Zero();
    return infer(p, x = xb)(0, 0) == 0.0f ? 0 : 1;
}
