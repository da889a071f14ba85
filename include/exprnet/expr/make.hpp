/// @file
/// Defines the simplifying constructors every operator and every backward rule builds nodes
/// with: they check shapes against the diagnostics catalogue and fold the obvious
/// (0 + e → e, 1 ⊙ e → e, (Aᵀ)ᵀ → A, constant ⊙ constant → constant, --e → e, and constant
/// factors over a count: (1 / 2N) ⊙ (2 ⊙ e) → (1 / N) ⊙ e).
/// Shapes: elementwise operands broadcast (1×1, R×1, 1×C); products chain. Backward: none.
/// Evaluation: none; the result is a type.
#pragma once

#include <exprnet/core/diagnostics.hpp>
#include <exprnet/expr/binary.hpp>
#include <exprnet/expr/broadcast.hpp>
#include <exprnet/expr/leaf.hpp>
#include <exprnet/expr/matmul.hpp>
#include <exprnet/expr/reduce.hpp>
#include <exprnet/expr/transpose.hpp>
#include <exprnet/expr/unary.hpp>
#include <exprnet/ops/arithmetic.hpp>

#include <bit>
#include <cstdint>

namespace exprnet::detail {

// ---- recognising constants -------------------------------------------------------------

template <class T>
struct constant_info {
    static constexpr bool is_constant = false;
    static constexpr bool is_zero = false;
};
template <std::uint64_t Bits>
struct constant_info<constant_leaf<Bits>> {
    static constexpr bool is_constant = true;
    static constexpr double value = constant_leaf<Bits>::value;
    static constexpr bool is_zero = value == 0.0;
};
template <int R, int C>
struct constant_info<zero_leaf<R, C>> {
    static constexpr bool is_constant = true;
    static constexpr double value = 0.0;
    static constexpr bool is_zero = true;
};
template <class A, int R, int C>
struct constant_info<broadcast<A, R, C>> : constant_info<A> {};

template <class T>
inline constexpr bool is_const_v = constant_info<T>::is_constant;
template <class T>
inline constexpr bool is_zero_v = constant_info<T>::is_zero;
template <class T>
consteval bool is_one() {
    if constexpr (is_const_v<T>) return constant_info<T>::value == 1.0;
    else return false;
}

/// A constant's value as the bits its type holds (constant_leaf<Bits>).
constexpr std::uint64_t value_bits(double value) noexcept { return std::bit_cast<std::uint64_t>(value); }

/// The constant with those bits as an R×C node: the leaf itself, or the leaf broadcast.
template <std::uint64_t Bits, int R, int C>
constexpr auto constant_of_shape() {
    if constexpr (R == 1 && C == 1) return constant_leaf<Bits>{};
    else return broadcast<constant_leaf<Bits>, R, C>{};
}

// ---- broadcast ----------------------------------------------------------------------------

template <class A, int R, int C>
inline constexpr bool broadcasts_to_v =
    (A::rows == 1 && A::cols == 1) || (A::rows == R && A::cols == 1) || (A::rows == 1 && A::cols == C);

template <int R, int C, class A>
constexpr auto make_broadcast(A) {
    if constexpr (any_invalid_v<A> || (A::rows == R && A::cols == C)) return A{};
    else if constexpr (is_zero_leaf_v<A>) return zero_leaf<R, C>{};
    else if constexpr (is_const_v<A>) return constant_of_shape<value_bits(constant_info<A>::value), R, C>();
    else return broadcast<A, R, C>{};
}

// ---- elementwise --------------------------------------------------------------------------

template <class Op, class A, class B>
constexpr auto make_same_shape(A a, B b);

template <class Op, class A, class B>
constexpr auto make_binary(A a, B b) {
    if constexpr (any_invalid_v<A, B> || !checked_op<Op, 2>::value) {
        return invalid_expr{};
    } else if constexpr (same_shape_v<A, B>) {
        return make_same_shape<Op>(a, b);
    } else if constexpr (broadcasts_to_v<A, B::rows, B::cols>) {
        return make_same_shape<Op>(make_broadcast<B::rows, B::cols>(a), b);
    } else if constexpr (broadcasts_to_v<B, A::rows, A::cols>) {
        return make_same_shape<Op>(a, make_broadcast<A::rows, A::cols>(b));
    } else {
        static_assert(dependent_false_v<A>, EXPRNET_MSG_ELEMENTWISE_SHAPES);
        using shown_below [[maybe_unused]] = diagnostic::show<diagnostic::elementwise_shapes_must_match<shape_of_t<A>, shape_of_t<B>>>;
        return invalid_expr{};
    }
}

template <class Op, class A>
constexpr auto make_unary(A) {
    if constexpr (any_invalid_v<A> || !checked_op<Op, 1>::value) return invalid_expr{};
    else if constexpr (std::is_same_v<Op, neg_op> && is_const_v<A>)
        return constant_of_shape<value_bits(-constant_info<A>::value), A::rows, A::cols>();
    else if constexpr (std::is_same_v<Op, neg_op> && requires { typename A::op; }) {
        if constexpr (std::is_same_v<typename A::op, neg_op>) return detail::at_t<0, typename A::children>{};
        else return unary<Op, A>{};
    } else return unary<Op, A>{};
}

template <class T>
struct scaled_parts {  // T = c ⊙ X with c a constant?
    static constexpr bool value = false;
};
template <class C, class X>
struct scaled_parts<binary<mul_op, C, X>> {
    static constexpr bool value = is_const_v<C>;
    using factor = C;
    using rest = X;
};

template <class T>
struct count_quotient {  // T = c / n, with c a constant and n a count leaf (perhaps broadcast)?
    static constexpr bool value = false;
};
template <class K, int R, int C>
    requires(is_const_v<K>)
struct count_quotient<binary<div_op, K, count_leaf<R, C>>> {
    static constexpr bool value = true;
    static constexpr double numerator = constant_info<K>::value;
    using count = count_leaf<R, C>;
};
template <class Q, int R, int C>
struct count_quotient<broadcast<Q, R, C>> : count_quotient<Q> {};

/// For c / count_leaf<R, C>: the greatest common factor of c and R when c is a whole number,
/// else 1 (so 2 / 2N → 1 / N, while 1 / 2N stays).
consteval long count_common_factor(double c, long r) {
    if (!(c > -1e9 && c < 1e9) || c != double(long(c))) return 1;
    long a = c < 0 ? -long(c) : long(c);
    while (r != 0) {
        const long t = a % r;
        a = r;
        r = t;
    }
    return a > 1 ? a : 1;
}

template <class Op, class A, class B>
constexpr auto make_same_shape(A a, B b) {
    constexpr int R = A::rows;
    constexpr int C = A::cols;
    if constexpr (is_const_v<A> && is_const_v<B> &&
                  (std::is_same_v<Op, add_op> || std::is_same_v<Op, sub_op> ||
                   std::is_same_v<Op, mul_op> || (std::is_same_v<Op, div_op> && !is_zero_v<B>))) {
        constexpr double x = constant_info<A>::value;
        constexpr double y = constant_info<B>::value;
        constexpr double v = std::is_same_v<Op, add_op>   ? x + y
                             : std::is_same_v<Op, sub_op> ? x - y
                             : std::is_same_v<Op, mul_op> ? x * y
                                                          : x / y;
        return constant_of_shape<value_bits(v), R, C>();
    } else if constexpr (std::is_same_v<Op, add_op>) {
        if constexpr (is_zero_v<A>) return b;
        else if constexpr (is_zero_v<B>) return a;
        else return binary<Op, A, B>{};
    } else if constexpr (std::is_same_v<Op, sub_op>) {
        if constexpr (is_zero_v<B>) return a;
        else if constexpr (is_zero_v<A>) return make_unary<neg_op>(b);
        else return binary<Op, A, B>{};
    } else if constexpr (std::is_same_v<Op, mul_op>) {
        if constexpr (is_zero_v<A> || is_zero_v<B>) return zero_leaf<R, C>{};
        else if constexpr (is_one<A>()) return b;
        else if constexpr (is_one<B>()) return a;
        else if constexpr (is_const_v<B>) return make_same_shape<Op>(b, a);  // constants go left
        else if constexpr (is_const_v<A> && scaled_parts<B>::value)          // c1 ⊙ (c2 ⊙ x)
            return make_same_shape<Op>(make_same_shape<Op>(a, typename scaled_parts<B>::factor{}),
                                       typename scaled_parts<B>::rest{});
        else if constexpr (count_quotient<A>::value && scaled_parts<B>::value) {  // (c1 / n) ⊙ (c2 ⊙ x)
            constexpr double c = count_quotient<A>::numerator * constant_info<typename scaled_parts<B>::factor>::value;
            const auto quotient = make_same_shape<div_op>(constant_leaf<value_bits(c)>{}, typename count_quotient<A>::count{});
            return make_same_shape<Op>(make_broadcast<R, C>(quotient), typename scaled_parts<B>::rest{});
        } else if constexpr (count_quotient<B>::value && scaled_parts<A>::value) {
            return make_same_shape<Op>(b, a);
        } else return binary<Op, A, B>{};
    } else if constexpr (std::is_same_v<Op, div_op>) {
        if constexpr (is_one<B>()) return a;
        else if constexpr (is_zero_v<A>) return a;
        else if constexpr (is_const_v<A> && requires { B::counted_rows; }) {  // c / (R·n) → (c/g) / ((R/g)·n)
            constexpr long g = count_common_factor(constant_info<A>::value, B::counted_rows);
            if constexpr (g > 1)
                return make_same_shape<Op>(constant_leaf<value_bits(constant_info<A>::value / double(g))>{},
                                           count_leaf<int(B::counted_rows / g), B::counted_cols>{});
            else return binary<Op, A, B>{};
        } else return binary<Op, A, B>{};
    } else {
        return binary<Op, A, B>{};
    }
}

// ---- products, transposes, reductions -----------------------------------------------------

template <class A>
constexpr auto make_transpose(A) {
    if constexpr (any_invalid_v<A> || (A::rows == 1 && A::cols == 1)) return A{};
    else if constexpr (is_zero_leaf_v<A>) return zero_leaf<A::cols, A::rows>{};
    else if constexpr (is_const_v<A>) return constant_of_shape<value_bits(constant_info<A>::value), A::cols, A::rows>();
    else if constexpr (requires { typename A::transposed; }) return typename A::transposed{};
    else return transpose_node<A>{};
}

template <class A, class B>
constexpr auto make_matmul(A, B) {
    if constexpr (any_invalid_v<A, B>) {
        return invalid_expr{};
    } else if constexpr (A::cols != B::rows && same_shape_v<A, B>) {  // h * h meant elementwise?
        static_assert(dependent_false_v<A>, EXPRNET_MSG_MATMUL_SAME_SHAPES);
        using shown_below [[maybe_unused]] = diagnostic::show<diagnostic::matmul_inner_dimensions_must_match<shape_of_t<A>, shape_of_t<B>>>;
        return invalid_expr{};
    } else if constexpr (A::cols != B::rows) {
        static_assert(dependent_false_v<A>, EXPRNET_MSG_MATMUL_SHAPES);
        using shown_below [[maybe_unused]] = diagnostic::show<diagnostic::matmul_inner_dimensions_must_match<shape_of_t<A>, shape_of_t<B>>>;
        return invalid_expr{};
    } else if constexpr (A::rows == batch_dim && B::cols == batch_dim) {
        static_assert(dependent_false_v<A>, EXPRNET_MSG_BATCH_SQUARED);
        using shown_below [[maybe_unused]] = diagnostic::show<diagnostic::product_would_be_batch_by_batch<shape_of_t<A>, shape_of_t<B>>>;
        return invalid_expr{};
    } else if constexpr (is_zero_v<A> || is_zero_v<B>) {
        return zero_leaf<A::rows, B::cols>{};
    } else {
        return matmul<A, B>{};
    }
}

template <class A>
constexpr auto make_sum_all(A) {
    if constexpr (any_invalid_v<A>) return invalid_expr{};
    else if constexpr (is_zero_v<A>) return zero_leaf<1, 1>{};
    else if constexpr (A::rows == 1 && A::cols == 1) return A{};
    else return sum_all<A>{};
}

template <class A>
constexpr auto make_rowwise_sum(A) {
    if constexpr (any_invalid_v<A>) return invalid_expr{};
    else if constexpr (is_zero_v<A>) return zero_leaf<A::rows, 1>{};
    else if constexpr (A::cols == 1) return A{};
    else return rowwise_sum<A>{};
}

template <class A>
constexpr auto make_colwise_sum(A) {
    if constexpr (any_invalid_v<A>) return invalid_expr{};
    else if constexpr (is_zero_v<A>) return zero_leaf<1, A::cols>{};
    else if constexpr (A::rows == 1) return A{};
    else return colwise_sum<A>{};
}

template <class A, class B>
using add_t = decltype(make_binary<add_op>(A{}, B{}));
template <class A, class B>
using mul_t = decltype(make_binary<mul_op>(A{}, B{}));

}  // namespace exprnet::detail

namespace exprnet {

/// The node of an elementwise op (ops/op_def.hpp) on one or two operands, shape-checked,
/// broadcast and simplified like every operator's: an op's function is one line of it
/// (`relu(a)` is `elementwise<relu_op>(a)`; docs/extending.md).
template <class Op, expression A>
constexpr auto elementwise(A a) {
    return detail::make_unary<Op>(a);
}
template <class Op, expression A, expression B>
constexpr auto elementwise(A a, B b) {
    return detail::make_binary<Op>(a, b);
}

}  // namespace exprnet
