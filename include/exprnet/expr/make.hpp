/// @file
/// Defines the simplifying constructors every operator and every backward rule builds nodes
/// with: they check shapes (and, where two subtrees are joined, that no two symbols share a
/// name: expr/symbols.hpp) against the diagnostics catalogue and fold the obvious
/// (0 + e → e, 1 ⊙ e → e, (Aᵀ)ᵀ → A, constant ⊙ constant → constant, --e → e).
/// Shapes: elementwise operands broadcast (1×1, R×1, 1×C); products chain. Backward: none.
/// Evaluation: none; the result is a type.
#pragma once

#include <exprnet/core/diagnostics.hpp>
#include <exprnet/expr/binary.hpp>
#include <exprnet/expr/broadcast.hpp>
#include <exprnet/expr/leaf.hpp>
#include <exprnet/expr/matmul.hpp>
#include <exprnet/expr/reduce.hpp>
#include <exprnet/expr/symbols.hpp>
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

template <std::uint64_t Bits, int R, int C>
constexpr auto constant_of_shape() {
    if constexpr (R == 1 && C == 1) return constant_leaf<Bits>{};
    else return broadcast<constant_leaf<Bits>, R, C>{};
}
#define EXPRNET_DETAIL_CONSTANT(value, R, C)                                                   \
    ::exprnet::detail::constant_of_shape<std::bit_cast<std::uint64_t>(double(value)), R, C>()

// ---- broadcast ----------------------------------------------------------------------------

template <class A, int R, int C>
inline constexpr bool broadcasts_to_v =
    (A::rows == 1 && A::cols == 1) || (A::rows == R && A::cols == 1) || (A::rows == 1 && A::cols == C);

template <int R, int C, class A>
constexpr auto make_broadcast(A) {
    if constexpr (any_invalid_v<A> || (A::rows == R && A::cols == C)) return A{};
    else if constexpr (is_zero_leaf_v<A>) return zero_leaf<R, C>{};
    else if constexpr (is_const_v<A>) return EXPRNET_DETAIL_CONSTANT(constant_info<A>::value, R, C);
    else return broadcast<A, R, C>{};
}

// ---- elementwise --------------------------------------------------------------------------

template <class Op, class A, class B>
constexpr auto make_same_shape(A a, B b);

// Joining two subtrees in one node (make_binary, make_matmul, the losses) is where two
// different symbols with one name meet first: reported there, on the line that joins them.
// (Instantiated only for a clash: no function per join.)
template <class A, class B>
consteval bool report_name_clash() {
    static_assert(dependent_false_v<A>, EXPRNET_MSG_DUPLICATE_NAME);
    using shown_below [[maybe_unused]] = diagnostic::show<
        diagnostic::symbols_share_a_name<typename name_clash_of<A, B>::first, typename name_clash_of<A, B>::second>>;
    return false;
}

template <class Op, class A, class B>
constexpr auto make_binary(A a, B b) {
    if constexpr (any_invalid_v<A, B>) {
        return invalid_expr{};
    } else if constexpr (names_clash<A, B>::value) {
        static_cast<void>(report_name_clash<A, B>());
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
    if constexpr (any_invalid_v<A>) return invalid_expr{};
    else if constexpr (std::is_same_v<Op, neg_op> && is_const_v<A>)
        return EXPRNET_DETAIL_CONSTANT(-constant_info<A>::value, A::rows, A::cols);
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
        return EXPRNET_DETAIL_CONSTANT(v, R, C);
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
        else return binary<Op, A, B>{};
    } else if constexpr (std::is_same_v<Op, div_op>) {
        if constexpr (is_one<B>()) return a;
        else if constexpr (is_zero_v<A>) return a;
        else return binary<Op, A, B>{};
    } else {
        return binary<Op, A, B>{};
    }
}

// ---- products, transposes, reductions -----------------------------------------------------

template <class A>
constexpr auto make_transpose(A) {
    if constexpr (any_invalid_v<A> || (A::rows == 1 && A::cols == 1)) return A{};
    else if constexpr (is_zero_leaf_v<A>) return zero_leaf<A::cols, A::rows>{};
    else if constexpr (is_const_v<A>) return EXPRNET_DETAIL_CONSTANT(constant_info<A>::value, A::cols, A::rows);
    else if constexpr (requires { typename A::transposed; }) return typename A::transposed{};
    else return transpose_node<A>{};
}

template <class A, class B>
constexpr auto make_matmul(A, B) {
    if constexpr (any_invalid_v<A, B>) {
        return invalid_expr{};
    } else if constexpr (names_clash<A, B>::value) {
        static_cast<void>(report_name_clash<A, B>());
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
