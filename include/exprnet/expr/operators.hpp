/// @file
/// Defines the public operations that build expressions: `*` (matrix product, or scaling when
/// one side is 1×1), `+`, `-`, `/`, unary `-`, `hadamard`, `max`, `transpose` and `softmax`;
/// the activations (`relu`, `sigmoid`, ...) come with their ops, from ops/activation.hpp.
/// Shapes: checked here through expr/make.hpp and the diagnostics catalogue.
/// Backward: diff/rules/. Evaluation: eval/.
#pragma once

#include <exprnet/core/diagnostics.hpp>
#include <exprnet/expr/make.hpp>
#include <exprnet/expr/softmax.hpp>
#include <exprnet/ops/activation.hpp>
#include <exprnet/ops/arithmetic.hpp>

#include <type_traits>

namespace exprnet {

/// Matrix product `W * x`; when either side is 1×1 it is scaling (`0.5_c * e`).
template <expression A, expression B>
constexpr auto operator*(A a, B b) {
    if constexpr (!any_invalid_v<A, B> && ((A::rows == 1 && A::cols == 1) || (B::rows == 1 && B::cols == 1)))
        return detail::make_binary<mul_op>(a, b);
    else
        return detail::make_matmul(a, b);
}

template <expression A, expression B>
constexpr auto operator+(A a, B b) {
    return detail::make_binary<add_op>(a, b);
}

template <expression A, expression B>
constexpr auto operator-(A a, B b) {
    return detail::make_binary<sub_op>(a, b);
}

/// Elementwise division.
template <expression A, expression B>
constexpr auto operator/(A a, B b) {
    return detail::make_binary<div_op>(a, b);
}

template <expression A>
constexpr auto operator-(A a) {
    return detail::make_unary<neg_op>(a);
}

/// Elementwise (Hadamard) product a ⊙ b.
template <expression A, expression B>
constexpr auto hadamard(A a, B b) {
    return detail::make_binary<mul_op>(a, b);
}

/// Elementwise maximum; max(0_c, e) is relu(e), and Maxout is max(W1*x + b1, W2*x + b2).
template <expression A, expression B>
constexpr auto max(A a, B b) {
    if constexpr (!any_invalid_v<A, B> && detail::is_zero_v<A> && A::rows == 1 && A::cols == 1)
        return detail::make_unary<relu_op>(b);
    else if constexpr (!any_invalid_v<A, B> && detail::is_zero_v<B> && B::rows == 1 && B::cols == 1)
        return detail::make_unary<relu_op>(a);
    else
        return detail::make_binary<max_op>(a, b);
}

template <expression A>
constexpr auto transpose(A a) {
    return detail::make_transpose(a);
}

/// Softmax of every column (inference; for training use softmax_cross_entropy).
template <expression A>
constexpr auto softmax(A) {
    if constexpr (any_invalid_v<A>) return invalid_expr{};
    else return softmax_node<A>{};
}

/// log softmax of every column, s - log(sum(exp(s))) per column, stable for any finite scores
/// (PyTorch's log_softmax(dim=0) for one column per sample).
template <expression A>
constexpr auto log_softmax(A) {
    if constexpr (any_invalid_v<A>) return invalid_expr{};
    else return log_softmax_node<A>{};
}

// Run-time numbers have no place in a type: reject them with a sentence, not a wall of
// candidate operators.
template <class T>
concept runtime_number = std::is_arithmetic_v<std::remove_cvref_t<T>>;

#define EXPRNET_DETAIL_REJECT_NUMBER(OP)                                                       \
    template <runtime_number T, expression E>                                                  \
    constexpr invalid_expr operator OP(T, E) {                                                 \
        static_assert(detail::dependent_false_v<T>, EXPRNET_MSG_RUNTIME_NUMBER);               \
        return {};                                                                             \
    }                                                                                          \
    template <expression E, runtime_number T>                                                  \
    constexpr invalid_expr operator OP(E, T) {                                                 \
        static_assert(detail::dependent_false_v<T>, EXPRNET_MSG_RUNTIME_NUMBER);               \
        return {};                                                                             \
    }
EXPRNET_DETAIL_REJECT_NUMBER(*)
EXPRNET_DETAIL_REJECT_NUMBER(+)
EXPRNET_DETAIL_REJECT_NUMBER(-)
EXPRNET_DETAIL_REJECT_NUMBER(/)
#undef EXPRNET_DETAIL_REJECT_NUMBER

}  // namespace exprnet
