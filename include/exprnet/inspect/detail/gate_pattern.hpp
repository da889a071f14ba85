/// @file
/// Internal: `gate_pattern_of<Parent, I>()`, which of CS231n's gate patterns the backward rule of
/// a node applies to the gradient of its input I (add distributes, multiply swaps, max and relu
/// route by a mask, products give G·Bᵀ and Aᵀ·G, ...), with each pattern's legend text and colour.
/// Shapes: none. Backward: names the rules of diff/rules/*.hpp; computes nothing.
/// Evaluation: none; host-only.
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

#include <cstddef>
#include <string_view>
#include <type_traits>

namespace exprnet::detail {

enum class gate_pattern : unsigned char {
    none,        ///< the seed dL/dL = 1, or a forward value
    distribute,  ///< add (and the left of a subtraction): G passes unchanged, no new node
    swap,        ///< multiply: dA = G ⊙ B, dB = G ⊙ A
    route,       ///< relu, leaky relu, elu, max: G times a mask (or slope) of the forward values
    reuse,       ///< sigmoid, tanh, exp: G times a function of their own output
    product,     ///< matrix product and transpose: G·Bᵀ, Aᵀ·G, Gᵀ
    batch_sum,   ///< broadcast: G summed over the copies (a bias: over the batch)
    spread,      ///< sum: G broadcast back to the operand's shape
    fused_loss,  ///< softmax cross-entropy: (softmax(s) - y) / N
    other,       ///< -, /, log, square, softmax: G times the local derivative
    branch,      ///< a value used twice: its gradients add
};
inline constexpr int gate_pattern_count = int(gate_pattern::branch) + 1;

struct gate_look {
    std::string_view tag;     ///< short, on the node a rule returns
    std::string_view legend;  ///< the pattern in CS231n's words
    std::string_view colour;  ///< fill colour of the nodes the rule builds
};

inline constexpr gate_look gate_looks[gate_pattern_count] = {
    {"", "", "#ffffff"},
    {"add distributes", "add distributes: one gradient node is d of both inputs", "#ffffff"},
    {"multiply swaps", "multiply swaps: dA = G ⊙ B, dB = G ⊙ A", "#c8e6c9"},
    {"routes by mask", "relu / max route by mask: G ⊙ [h > 0], G ⊙ [a ≥ b]", "#ffe0b2"},
    {"reuses output", "sigmoid / tanh / exp reuse their output", "#e1bee7"},
    {"product", "matrix product: dA = G·Bᵀ, dB = Aᵀ·G", "#bbdefb"},
    {"sums over batch", "broadcast: G summed over the copies (bias: over the batch)", "#fff59d"},
    {"spreads", "sum: G broadcast back to every element", "#b2ebf2"},
    {"softmax+CE fused", "softmax + cross-entropy fuse: (p - y) / N", "#f8bbd0"},
    {"local derivative", "other gates: G times the local derivative", "#eeeeee"},
    {"branch: gradients add", "branch: gradients add", "#d7ccc8"},
};

constexpr const gate_look& look_of(gate_pattern g) { return gate_looks[std::size_t(g)]; }

template <class Op>
constexpr gate_pattern unary_pattern() {
    if constexpr (std::is_same_v<Op, relu_op> || std::is_same_v<Op, elu_op> || requires { Op::slope; })
        return gate_pattern::route;
    else if constexpr (std::is_same_v<Op, sigmoid_op> || std::is_same_v<Op, tanh_op> || std::is_same_v<Op, exp_op>)
        return gate_pattern::reuse;
    else return gate_pattern::other;
}

template <class Node, std::size_t I>
struct gate_pattern_for {
    static constexpr gate_pattern value = gate_pattern::other;
};
template <class Op, class A, std::size_t I>
struct gate_pattern_for<unary<Op, A>, I> {
    static constexpr gate_pattern value = unary_pattern<Op>();
};
template <class Op, class A, class B, std::size_t I>
struct gate_pattern_for<binary<Op, A, B>, I> {
    static constexpr gate_pattern value =
        std::is_same_v<Op, add_op> || (std::is_same_v<Op, sub_op> && I == 0) ? gate_pattern::distribute
        : std::is_same_v<Op, mul_op>                                          ? gate_pattern::swap
        : std::is_same_v<Op, max_op>                                          ? gate_pattern::route
                                                                              : gate_pattern::other;
};
template <class A, class B, std::size_t I>
struct gate_pattern_for<matmul<A, B>, I> {
    static constexpr gate_pattern value = gate_pattern::product;
};
template <class A, std::size_t I>
struct gate_pattern_for<transpose_node<A>, I> {
    static constexpr gate_pattern value = gate_pattern::product;
};
template <class A, int R, int C, std::size_t I>
struct gate_pattern_for<broadcast<A, R, C>, I> {
    static constexpr gate_pattern value = gate_pattern::batch_sum;
};
template <class A, std::size_t I>
struct gate_pattern_for<sum_all<A>, I> {
    static constexpr gate_pattern value = gate_pattern::spread;
};
template <class A, std::size_t I>
struct gate_pattern_for<rowwise_sum<A>, I> {
    static constexpr gate_pattern value = gate_pattern::spread;
};
template <class A, std::size_t I>
struct gate_pattern_for<colwise_sum<A>, I> {
    static constexpr gate_pattern value = gate_pattern::spread;
};
template <class S, class Y, std::size_t I>
struct gate_pattern_for<softmax_ce<S, Y>, I> {
    static constexpr gate_pattern value = gate_pattern::fused_loss;
};

}  // namespace exprnet::detail
