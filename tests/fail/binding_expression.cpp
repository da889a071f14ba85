// Compile-fail: an Eigen expression of run-time size (MatrixXf::Random(5, n)) bound to an input.
// It has no storage to read, and evaluating it would allocate in every call (fixed-size ones
// are evaluated into the binding, without the heap: tests/eval/binding.forms.cpp).
// expect-error: exprnet: x = expression: this Eigen expression has no storage to read.*input_data_must_be_evaluated<exprnet::input_leaf<
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
    const auto xb = Eigen::MatrixXf::Random(5, n);  // the mistake: an expression, not data
#else
    const Eigen::MatrixXf xb = Eigen::MatrixXf::Random(5, n);
#endif
    return infer(p, x = xb).cols() == n ? 0 : 1;
}
