// Compile-fail: a dynamic_batch program whose two inputs are bound to fixed-size data of 2 and 3
// columns: a call has one column per sample in every input. The message names both inputs.
// expect-error: exprnet: program call: two inputs are bound to data with different column counts.*inputs_have_different_columns<exprnet::input_leaf<.*data_cols<2>, exprnet::input_leaf<.*data_cols<3>
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 5>;
constexpr auto y = input<"y", 4>;
constexpr auto W = param<"W", 4, 5>;
constexpr auto loss = mse(W * x, y);

#if defined(EXPRNET_SHOULD_FAIL)
constexpr int label_columns = 3;  // the mistake: x has 2 columns
#else
constexpr int label_columns = 2;
#endif

int main() {
    auto train = compile<dynamic_batch>(loss, wrt(W));
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    const Eigen::Matrix<float, 5, 2> xb = Eigen::Matrix<float, 5, 2>::Zero();
    const Eigen::Matrix<float, 4, label_columns> yb = Eigen::Matrix<float, 4, label_columns>::Zero();
    return train(p, g, x = xb, y = yb) == 0.0f ? 0 : 1;
}
