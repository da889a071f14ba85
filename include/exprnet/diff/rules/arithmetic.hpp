/// @file
/// Defines the backward rules of the arithmetic gates: add distributes G to both inputs,
/// sub negates it for the right one, mul swaps its inputs (dA = G ⊙ B, dB = G ⊙ A),
/// div follows the quotient rule, max routes G to the winner ([A ≥ B] or [A < B]), neg negates.
/// Shapes: every partial has the operands' shape. Evaluation: fused elementwise expressions.
#pragma once

#include <exprnet/diff/rule.hpp>
#include <exprnet/expr/make.hpp>
#include <exprnet/ops/arithmetic.hpp>
#include <exprnet/ops/mask.hpp>

namespace exprnet {

template <>
struct binary_rule<add_op> {
    template <std::size_t I, class G, class A, class B>
    static constexpr auto partial(G g, A, B) {
        return g;
    }
};

template <>
struct binary_rule<sub_op> {
    template <std::size_t I, class G, class A, class B>
    static constexpr auto partial(G g, A, B) {
        if constexpr (I == 0) return g;
        else return detail::make_unary<neg_op>(g);
    }
};

template <>
struct binary_rule<mul_op> {
    template <std::size_t I, class G, class A, class B>
    static constexpr auto partial(G g, A a, B b) {
        if constexpr (I == 0) return detail::make_binary<mul_op>(g, b);
        else return detail::make_binary<mul_op>(g, a);
    }
};

template <>
struct binary_rule<div_op> {
    template <std::size_t I, class G, class A, class B>
    static constexpr auto partial(G g, A a, B b) {
        using detail::make_binary;
        if constexpr (I == 0) return make_binary<div_op>(g, b);
        else return detail::make_unary<neg_op>(make_binary<div_op>(make_binary<mul_op>(g, make_binary<div_op>(a, b)), b));
    }
};

template <>
struct binary_rule<max_op> {
    template <std::size_t I, class G, class A, class B>
    static constexpr auto partial(G g, A, B) {
        if constexpr (I == 0) return detail::make_binary<mul_op>(g, binary<ge_mask_op, A, B>{});
        else return detail::make_binary<mul_op>(g, binary<lt_mask_op, A, B>{});
    }
};

template <>
struct unary_rule<neg_op> {
    template <class G, class A, class Self>
    static constexpr auto partial(G g, A, Self) {
        return detail::make_unary<neg_op>(g);
    }
};

}  // namespace exprnet
