// Compile-fail: a row-major matrix of run-time size bound to an input: exprnet reads columns in
// place and would need the heap to copy it (a fixed-size one is copied into the binding:
// tests/eval/binding.forms.cpp).
// expect-error: exprnet: x = matrix: the data is not stored column by column.*input_data_is_not_column_major<exprnet::input_leaf<
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 5>;
constexpr auto W = param<"W", 4, 5>;
constexpr auto net = W * x;

int main(int argc, char**) {
    auto infer = compile<dynamic_batch>(net);
    params_for<decltype(net)> p;
    const auto n = Eigen::Index(argc + 1);
#if defined(EXPRNET_SHOULD_FAIL)
    const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> xb =  // the mistake
        Eigen::MatrixXf::Zero(5, n);
#else
    const Eigen::MatrixXf xb = Eigen::MatrixXf::Zero(5, n);
#endif
    return infer(p, x = xb).cols() == n ? 0 : 1;
}
