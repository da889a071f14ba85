// Compile-fail: binding data that is not an Eigen object (a std::array) to an input.
// expect-error: exprnet: x = data: the data must be an Eigen matrix, array, map, block or expression.*input_data_is_not_eigen<exprnet::input_leaf<
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

#include <array>

using namespace exprnet;

constexpr auto x = input<"x", 3>;
constexpr auto W = param<"W", 2, 3>;
constexpr auto net = W * x;

int main() {
    auto infer = compile(net);
    params_for<decltype(net)> p;
    const std::array<float, 3> values{};
#if defined(EXPRNET_SHOULD_FAIL)
    const auto& xb = values;  // the mistake: exprnet reads Eigen objects
#else
    const Eigen::Map<const Eigen::Vector3f> xb(values.data());
#endif
    return infer(p, x = xb)(0, 0) == 0.0f ? 0 : 1;
}
