/// @file
/// Defines `node_kind_v<Node>`: how the evaluator treats each node type (a leaf is a map, a
/// view is a lazy reshaping, an elementwise node fuses into its consumer, a kernel is always
/// written to a buffer) and which nodes need their operands in memory.
/// Shapes: none. Backward: none. Evaluation: the table the planner reads (eval/plan.hpp).
#pragma once

#include <exprnet/expr/broadcast.hpp>
#include <exprnet/expr/leaf.hpp>
#include <exprnet/expr/matmul.hpp>
#include <exprnet/expr/reduce.hpp>
#include <exprnet/expr/softmax.hpp>
#include <exprnet/expr/transpose.hpp>

namespace exprnet {

enum class node_kind { leaf, view, elementwise, kernel };

template <class Node>
inline constexpr node_kind node_kind_v = Node::children::size == 0 ? node_kind::leaf : node_kind::elementwise;

template <class A>
inline constexpr node_kind node_kind_v<transpose_node<A>> = node_kind::view;
template <class A, int R, int C>
inline constexpr node_kind node_kind_v<broadcast<A, R, C>> = node_kind::view;
template <class A, class B>
inline constexpr node_kind node_kind_v<matmul<A, B>> = node_kind::kernel;
template <class A>
inline constexpr node_kind node_kind_v<sum_all<A>> = node_kind::kernel;
template <class A>
inline constexpr node_kind node_kind_v<rowwise_sum<A>> = node_kind::kernel;
template <class A>
inline constexpr node_kind node_kind_v<colwise_sum<A>> = node_kind::kernel;
template <class S>
inline constexpr node_kind node_kind_v<softmax_node<S>> = node_kind::kernel;
template <class S>
inline constexpr node_kind node_kind_v<log_softmax_node<S>> = node_kind::kernel;
template <class S, class Y>
inline constexpr node_kind node_kind_v<softmax_ce<S, Y>> = node_kind::kernel;

/// The softmax whose work a kernel shares: softmax_ce<S, Y> and softmax_node<S> both
/// exponentiate S. When a training program has both (the loss and its gradient), the softmax
/// step runs first and the loss reads its probabilities instead of exponentiating again.
template <class Node>
struct shared_softmax {
    using type = void;
};
template <class S, class Y>
struct shared_softmax<softmax_ce<S, Y>> {
    using type = softmax_node<S>;
};

template <class Node>
inline constexpr bool is_matmul_v = false;
template <class A, class B>
inline constexpr bool is_matmul_v<matmul<A, B>> = true;

/// Whether the node reads its operands more than once per element (products, column passes,
/// replicated columns), so they must be in memory rather than recomputed.
template <class Node>
inline constexpr bool needs_stored_operands_v = false;
template <class A, class B>
inline constexpr bool needs_stored_operands_v<matmul<A, B>> = true;
template <class S>
inline constexpr bool needs_stored_operands_v<softmax_node<S>> = true;
template <class S>
inline constexpr bool needs_stored_operands_v<log_softmax_node<S>> = true;
template <class S, class Y>
inline constexpr bool needs_stored_operands_v<softmax_ce<S, Y>> = true;
template <class A, int R, int C>
inline constexpr bool needs_stored_operands_v<broadcast<A, R, C>> = !(A::rows == 1 && A::cols == 1);

}  // namespace exprnet
