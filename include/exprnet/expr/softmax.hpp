/// @file
/// Defines `softmax_node<S>` (softmax of every column), `log_softmax_node<S>` (its log) and
/// `softmax_ce<S, Y>`, the mean over the batch of the cross-entropy between softmax(S) and
/// one-hot labels Y.
/// Shapes: S and Y are classes×batch; softmax keeps the shape, the loss is 1×1.
/// Backward: dS = G ⊙ (softmax(S) - Y) / N, the fused form; log_softmax: dS = G - exp(h) ⊙
/// colsum(G) from its output h (diff/rules/loss.hpp).
/// Evaluation: materialised, one numerically stable pass per column (log-sum-exp).
#pragma once

#include <exprnet/expr/node.hpp>

namespace exprnet {

template <class S>
struct softmax_node : expr_base {
    static constexpr int rows = S::rows;
    static constexpr int cols = S::cols;
    using children = detail::type_list<S>;
};

/// log softmax of every column: s - log(sum(exp(s))), computed without overflow.
template <class S>
struct log_softmax_node : expr_base {
    static constexpr int rows = S::rows;
    static constexpr int cols = S::cols;
    using children = detail::type_list<S>;
};

template <class S, class Y>
struct softmax_ce : expr_base {
    static constexpr int rows = 1;
    static constexpr int cols = 1;
    using children = detail::type_list<S, Y>;
};

}  // namespace exprnet
