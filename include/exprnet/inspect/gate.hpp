/// @file
/// Defines `gate_rule<Node>`: in CS231n's words, what a node does to the gradient flowing back
/// through input `position` (`text`: add distributes, multiply swaps, max routes, ...), and
/// which gate pattern that is (`pattern`), with each pattern's look in the graphs
/// (`look_of`). Elementwise nodes read both from their op's `gate` facet (ops/op_def.hpp); the
/// other node types are described here. The printed program (inspect/print.hpp) and the graphs
/// annotate backward steps with them.
/// Shapes: none. Backward: describes the rules; it does not compute them.
/// Evaluation: none; host-only (std::string_view).
#pragma once

#include <exprnet/expr/binary.hpp>
#include <exprnet/expr/broadcast.hpp>
#include <exprnet/expr/matmul.hpp>
#include <exprnet/expr/reduce.hpp>
#include <exprnet/expr/softmax.hpp>
#include <exprnet/expr/transpose.hpp>
#include <exprnet/expr/unary.hpp>
#include <exprnet/ops/op_def.hpp>

#include <cstddef>
#include <string_view>

namespace exprnet {

/// The gate of a node type for the gradient of its input `position` (0 or 1). Leaves have
/// no inputs, so no gate; every other node type has a specialisation.
template <class Node>
struct gate_rule {
    static_assert(Node::children::size == 0, "exprnet internal: a node type without a gate_rule (inspect/gate.hpp)");
    static constexpr std::string_view text(int) { return ""; }
    static constexpr gate_pattern pattern(int) { return gate_pattern::none; }
};

/// A node type whose gate is the same for every input.
template <gate_pattern Pattern>
struct fixed_gate {
    static constexpr gate_pattern pattern(int) { return Pattern; }
};

template <class Op, class A>
struct gate_rule<unary<Op, A>> {
    static constexpr std::string_view text(int) { return Op::gate; }
    static constexpr gate_pattern pattern(int) { return Op::pattern; }
};
template <class Op, class A, class B>
struct gate_rule<binary<Op, A, B>> {
    static constexpr std::string_view text(int position) { return Op::gate.text[position]; }
    static constexpr gate_pattern pattern(int position) { return Op::gate.pattern[position]; }
};

template <class A, class B>
struct gate_rule<matmul<A, B>> : fixed_gate<gate_pattern::product> {
    static constexpr std::string_view text(int position) {
        return position == 0 ? "product swaps: G * Bᵀ" : "product swaps: Aᵀ * G";
    }
};
template <class A>
struct gate_rule<transpose_node<A>> : fixed_gate<gate_pattern::product> {
    static constexpr std::string_view text(int) { return "transpose: Gᵀ"; }
};
template <class A, int R, int C>
struct gate_rule<broadcast<A, R, C>> : fixed_gate<gate_pattern::batch_sum> {
    static constexpr std::string_view text(int) { return "broadcast: the copies' gradients add (a sum over the batch)"; }
};
template <class A>
struct gate_rule<sum_all<A>> : fixed_gate<gate_pattern::spread> {
    static constexpr std::string_view text(int) { return "sum distributes: G to every element"; }
};
template <class A>
struct gate_rule<rowwise_sum<A>> : fixed_gate<gate_pattern::spread> {
    static constexpr std::string_view text(int) { return "row sum distributes: G to every column"; }
};
template <class A>
struct gate_rule<colwise_sum<A>> : fixed_gate<gate_pattern::spread> {
    static constexpr std::string_view text(int) { return "column sum distributes: G to every row"; }
};
template <class S>
struct gate_rule<softmax_node<S>> : fixed_gate<gate_pattern::other> {
    static constexpr std::string_view text(int) { return "softmax: p ⊙ (G - colsum(p ⊙ G))"; }
};
template <class S>
struct gate_rule<log_softmax_node<S>> : fixed_gate<gate_pattern::other> {
    static constexpr std::string_view text(int) { return "log-softmax: G - softmax ⊙ colsum(G), softmax = exp(its output)"; }
};
template <class S, class Y>
struct gate_rule<softmax_ce<S, Y>> : fixed_gate<gate_pattern::fused_loss> {
    static constexpr std::string_view text(int) { return "softmax cross-entropy fuses: G ⊙ (softmax(s) - y) / N"; }
};

// ---- how the graphs show each pattern -----------------------------------------------------

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

}  // namespace exprnet
