/// @file
/// Defines the public operations that build expressions: `*` (matrix product, or scaling when
/// one side is 1×1), `+`, `-`, `/`, unary `-`, `hadamard`, `max`, `transpose` and the
/// activations `relu`, `leaky_relu`, `sigmoid`, `tanh`, `elu`, `exp`, `log`, `square`, `softmax`.
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

template <expression A>
constexpr auto relu(A a) {
    return detail::make_unary<relu_op>(a);
}

/// Leaky ReLU: x for x > 0, slope * x otherwise; the slope is a compile-time constant.
template <expression A, std::uint64_t SlopeBits>
constexpr auto leaky_relu(A a, constant_leaf<SlopeBits>) {
    static_assert(constant_leaf<SlopeBits>::value >= 0.0 && constant_leaf<SlopeBits>::value < 1.0,
                  "exprnet: leaky_relu(x, slope) needs 0 <= slope < 1.");
    return detail::make_unary<leaky_relu_op<SlopeBits>>(a);
}
template <expression A>
constexpr auto leaky_relu(A a) {
    return leaky_relu(a, ratio_c<1, 100>);
}

template <expression A>
constexpr auto sigmoid(A a) {
    return detail::make_unary<sigmoid_op>(a);
}
template <expression A>
constexpr auto tanh(A a) {
    return detail::make_unary<tanh_op>(a);
}
template <expression A>
constexpr auto elu(A a) {
    return detail::make_unary<elu_op>(a);
}
template <expression A>
constexpr auto exp(A a) {
    return detail::make_unary<exp_op>(a);
}
template <expression A>
constexpr auto log(A a) {
    return detail::make_unary<log_op>(a);
}
template <expression A>
constexpr auto square(A a) {
    return detail::make_unary<square_op>(a);
}

/// Softmax of every column (inference; for training use softmax_cross_entropy).
template <expression A>
constexpr auto softmax(A) {
    if constexpr (any_invalid_v<A>) return invalid_expr{};
    else return softmax_node<A>{};
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
