// Compile-fail: a batch<2> program called with a fixed-size 5 x 3 matrix: both column counts are
// known at compile time (a run-time size is checked when called, naming the input and both
// sizes: tests/eval/binding.messages.cpp). The message names the input, 3 and 2.
// expect-error: exprnet: program call: the data's column count, known at compile time, is not the batch<N>.*input_columns_differ_from_batch<exprnet::input_leaf<.*data_cols<3>, exprnet::diagnostic::batch_size<2>
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 5>;
constexpr auto y = input<"y", 4>;
constexpr auto W = param<"W", 4, 5>;
constexpr auto b = param<"b", 4>;
constexpr auto loss = softmax_cross_entropy(W * x + b, y);

#if defined(EXPRNET_SHOULD_FAIL)
constexpr int columns = 3;  // the mistake: the program takes 2
#else
constexpr int columns = 2;
#endif

int main() {
    auto train = compile<batch<2>>(loss, wrt(W, b));
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    const Eigen::Matrix<float, 5, columns> xb = Eigen::Matrix<float, 5, columns>::Zero();
    Eigen::Matrix<float, 4, 2> yb = Eigen::Matrix<float, 4, 2>::Zero();
    yb(0, 0) = yb(1, 1) = 1.0f;
    return train(p, g, x = xb, y = yb) > 0.0f ? 0 : 1;
}
