/// @file
/// Defines the elementwise arithmetic op tags: add_op, sub_op, mul_op (Hadamard), div_op,
/// max_op (elementwise maximum) and neg_op.
/// Shapes: operands of equal shape (broadcasts are explicit nodes). Backward: diff/rules/arithmetic.hpp.
/// Evaluation: eval/ops.hpp; always fused into the consumer's Eigen expression.
#pragma once

#include <string_view>

namespace exprnet {

// Precedences for printing: higher binds tighter.
inline constexpr int precedence_sum = 1;
inline constexpr int precedence_product = 2;
inline constexpr int precedence_unary = 3;
inline constexpr int precedence_atom = 4;

struct add_op {
    static constexpr std::string_view symbol = " + ";
    static constexpr int precedence = precedence_sum;
};
struct sub_op {
    static constexpr std::string_view symbol = " - ";
    static constexpr int precedence = precedence_sum;
};
struct mul_op {
    static constexpr std::string_view symbol = " ⊙ ";
    static constexpr int precedence = precedence_product;
};
struct div_op {
    static constexpr std::string_view symbol = " / ";
    static constexpr int precedence = precedence_product;
};
/// Elementwise maximum, printed as a function: max(a, b).
struct max_op {
    static constexpr std::string_view name = "max";
};
struct neg_op {
    static constexpr std::string_view name = "-";
};

}  // namespace exprnet
