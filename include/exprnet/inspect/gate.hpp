/// @file
/// Defines `gate_rule<Node>::text(position)`: in CS231n's words, what a node does to the
/// gradient flowing back through input `position` (add distributes, multiply swaps, max
/// routes, ...). The printed program (inspect/print.hpp) and the graphs annotate backward
/// steps with it.
/// Shapes: none. Backward: describes the rules of diff/rules/*.hpp; it does not compute them.
/// Evaluation: none; host-only (std::string_view).
#pragma once

#include <exprnet/expr/binary.hpp>
#include <exprnet/expr/broadcast.hpp>
#include <exprnet/expr/matmul.hpp>
#include <exprnet/expr/reduce.hpp>
#include <exprnet/expr/softmax.hpp>
#include <exprnet/expr/transpose.hpp>
#include <exprnet/expr/unary.hpp>
#include <exprnet/ops/activation.hpp>
#include <exprnet/ops/arithmetic.hpp>

#include <cstdint>
#include <string_view>
#include <type_traits>

namespace exprnet {

/// The rule of a node type for the gradient of its input `position` (0 or 1), as a phrase.
template <class Node>
struct gate_rule {
    static constexpr std::string_view text(int) { return "elementwise: G ⊙ the local derivative"; }
};

template <class Op>
struct unary_gate {
    static constexpr std::string_view text = "elementwise: G ⊙ the local derivative";
};
template <>
struct unary_gate<relu_op> {
    static constexpr std::string_view text = "max(0, ·) routes: G where the output is positive, else 0";
};
template <std::uint64_t SlopeBits>
struct unary_gate<leaky_relu_op<SlopeBits>> {
    static constexpr std::string_view text = "leaky ReLU: G, times the slope where the output is negative";
};
template <>
struct unary_gate<elu_op> {
    static constexpr std::string_view text = "ELU: G, times its output + 1 where that is negative";
};
template <>
struct unary_gate<tanh_op> {
    static constexpr std::string_view text = "tanh: G ⊙ (1 - y²), from its output y";
};
template <>
struct unary_gate<sigmoid_op> {
    static constexpr std::string_view text = "sigmoid: G ⊙ y ⊙ (1 - y), from its output y";
};
template <>
struct unary_gate<exp_op> {
    static constexpr std::string_view text = "exp: G ⊙ its output";
};
template <>
struct unary_gate<log_op> {
    static constexpr std::string_view text = "log: G / its input";
};
template <>
struct unary_gate<square_op> {
    static constexpr std::string_view text = "square: 2 ⊙ G ⊙ its input";
};
template <>
struct unary_gate<neg_op> {
    static constexpr std::string_view text = "negate: -G";
};

template <class Op, class A>
struct gate_rule<unary<Op, A>> {
    static constexpr std::string_view text(int) { return unary_gate<Op>::text; }
};

template <class Op, class A, class B>
struct gate_rule<binary<Op, A, B>> {
    static constexpr std::string_view text(int position) {
        if constexpr (std::is_same_v<Op, add_op>) return "add distributes: G to both inputs";
        else if constexpr (std::is_same_v<Op, sub_op>)
            return position == 0 ? "subtract: G to the left input" : "subtract: -G to the right input";
        else if constexpr (std::is_same_v<Op, mul_op>) return "multiply swaps: G ⊙ the other input";
        else if constexpr (std::is_same_v<Op, div_op>) return position == 0 ? "divide: G / b" : "divide: -G ⊙ a / b²";
        else if constexpr (std::is_same_v<Op, max_op>) return "max routes: G to the larger input";
        else return "elementwise: G ⊙ the local derivative";
    }
};

template <class A, class B>
struct gate_rule<matmul<A, B>> {
    static constexpr std::string_view text(int position) {
        return position == 0 ? "product swaps: G * Bᵀ" : "product swaps: Aᵀ * G";
    }
};
template <class A>
struct gate_rule<transpose_node<A>> {
    static constexpr std::string_view text(int) { return "transpose: Gᵀ"; }
};
template <class A, int R, int C>
struct gate_rule<broadcast<A, R, C>> {
    static constexpr std::string_view text(int) { return "broadcast: the copies' gradients add (a sum over the batch)"; }
};
template <class A>
struct gate_rule<sum_all<A>> {
    static constexpr std::string_view text(int) { return "sum distributes: G to every element"; }
};
template <class A>
struct gate_rule<rowwise_sum<A>> {
    static constexpr std::string_view text(int) { return "row sum distributes: G to every column"; }
};
template <class A>
struct gate_rule<colwise_sum<A>> {
    static constexpr std::string_view text(int) { return "column sum distributes: G to every row"; }
};
template <class S>
struct gate_rule<softmax_node<S>> {
    static constexpr std::string_view text(int) { return "softmax: p ⊙ (G - colsum(p ⊙ G))"; }
};
template <class S, class Y>
struct gate_rule<softmax_ce<S, Y>> {
    static constexpr std::string_view text(int) { return "softmax cross-entropy fuses: G ⊙ (softmax(s) - y) / N"; }
};

}  // namespace exprnet
