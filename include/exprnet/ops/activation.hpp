/// @file
/// Defines the activation op tags: relu, leaky_relu (slope in the type), sigmoid, tanh, elu,
/// exp, log and square.
/// Shapes: elementwise, shape preserved. Backward: diff/rules/activation.hpp (sigmoid, tanh,
/// exp reuse their forward output; relu-likes route by the output's sign).
/// Evaluation: eval/ops.hpp; fused into the consumer's Eigen expression.
#pragma once

#include <bit>
#include <cstdint>
#include <string_view>

namespace exprnet {

struct relu_op {
    static constexpr std::string_view name = "relu";
};
template <std::uint64_t SlopeBits>
struct leaky_relu_op {
    static constexpr std::string_view name = "leaky_relu";
    static constexpr double slope = std::bit_cast<double>(SlopeBits);
};
struct sigmoid_op {
    static constexpr std::string_view name = "sigmoid";
};
struct tanh_op {
    static constexpr std::string_view name = "tanh";
};
/// ELU with alpha = 1: x for x > 0, exp(x) - 1 otherwise.
struct elu_op {
    static constexpr std::string_view name = "elu";
};
struct exp_op {
    static constexpr std::string_view name = "exp";
};
struct log_op {
    static constexpr std::string_view name = "log";
};
struct square_op {
    static constexpr std::string_view name = "square";
};

}  // namespace exprnet
