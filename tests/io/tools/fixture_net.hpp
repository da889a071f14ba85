// The network and the parameter values shared by the programs of tests/io/CMakeLists.txt. The
// names are PyTorch's (a state_dict of nn.Linear layers): "fc1.weight" is (out, in), "fc1.bias"
// is (out,).
#pragma once

#include <exprnet/exprnet.hpp>

#include <limits>
#include <string_view>

namespace fixture {

constexpr auto x = exprnet::input<"x", 5>;
constexpr auto fc1_weight = exprnet::param<"fc1.weight", 4, 5>;
constexpr auto fc1_bias = exprnet::param<"fc1.bias", 4>;
constexpr auto fc2_weight = exprnet::param<"fc2.weight", 3, 4>;
constexpr auto fc2_bias = exprnet::param<"fc2.bias", 3>;
constexpr auto net = fc2_weight * exprnet::tanh(fc1_weight * x + fc1_bias) + fc2_bias;

/// The number of a param, k, by name (the arena's order is another: first use in the expression).
inline int index_of(std::string_view name) {
    return name == "fc1.weight" ? 0 : name == "fc1.bias" ? 1 : name == "fc2.weight" ? 2 : 3;
}

/// Value (r, c) of param k (0 fc1.weight, 1 fc1.bias, 2 fc2.weight, 3 fc2.bias): mostly
/// fractions with no short decimal form, plus the extremes a printed literal must survive.
template <class Scalar>
Scalar value(int k, int r, int c) {
    using limits = std::numeric_limits<Scalar>;
    if (k == 2 && r == 0 && c < 4) {  // fc2.weight has 4 columns (c < 4 for g++ -O3, which cannot see k)
        const Scalar extremes[4] = {limits::max(), limits::denorm_min(), -Scalar(0), -limits::min()};
        return extremes[c];
    }
    const Scalar v = Scalar(1) / Scalar(3 + k + 7 * r + 11 * c);
    return (r + c) % 2 ? -v : v * Scalar(1000);
}

}  // namespace fixture
