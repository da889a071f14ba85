/// @file
/// Defines reductions and losses: `sum`, `mean`, `sum_sq`, `softmax_cross_entropy(scores, y)`,
/// `svm_loss(scores, y)` (CS231n's multiclass hinge loss, margin 1) and `mse(pred, target)`.
/// Shapes: scores and labels are classes×batch (one-hot labels); every loss is 1×1 and averages
/// over the batch (mse averages over every element). Backward: softmax-CE has a fused rule
/// (p - y)/N; sum_sq, mean, svm and mse are compositions, so the chain rule derives theirs.
/// Evaluation: see the nodes they are made of.
#pragma once

#include <exprnet/core/diagnostics.hpp>
#include <exprnet/expr/operators.hpp>
#include <exprnet/graph/topo.hpp>

namespace exprnet {

template <expression A>
constexpr auto sum(A a) {
    return detail::make_sum_all(a);
}

/// Mean of every element (for an R×batch operand the count is R·N, known at run time).
template <expression A>
constexpr auto mean(A a) {
    if constexpr (any_invalid_v<A>) return invalid_expr{};
    else return detail::make_binary<div_op>(detail::make_sum_all(a), count_leaf<A::rows, A::cols>{});
}

/// Sum of squares, the L2 regulariser: sum_sq(W) = sum(square(W)).
template <expression A>
constexpr auto sum_sq(A a) {
    return sum(square(a));
}

namespace detail {
template <class S, class Y>
consteval bool check_loss_operands() {
    if constexpr (any_invalid_v<S, Y>) {
        return false;
    } else if constexpr (S::rows == Y::rows && S::cols != batch_dim && Y::cols == batch_dim) {
        // The labels have one column per sample and the scores' rows, but the scores have a
        // fixed column count: they do not depend on an input (e.g. W2 * relu(b1) + b2).
        static_assert(dependent_false_v<S>, EXPRNET_MSG_SCORES_WITHOUT_INPUT);
        using shown_below [[maybe_unused]] = diagnostic::show<diagnostic::loss_scores_depend_on_no_input<shape_of_t<S>, shape_of_t<Y>>>;
        return false;
    } else if constexpr (!same_shape_v<S, Y>) {
        static_assert(dependent_false_v<S>, EXPRNET_MSG_LOSS_LABEL_SHAPE);
        using shown_below [[maybe_unused]] = diagnostic::show<diagnostic::loss_labels_must_match_scores<shape_of_t<S>, shape_of_t<Y>>>;
        return false;
    } else {
        static_assert(!has_params_v<Y>, EXPRNET_MSG_LABELS_DEPEND_ON_PARAMS);
        return !has_params_v<Y>;
    }
}
/// The verdict of check_loss_operands without messages, to branch on (see gradient_request_ok_v).
template <class S, class Y>
inline constexpr bool loss_operands_ok_v =
    !any_invalid_v<S, Y> && same_shape_v<S, Y> && !has_params_v<Y>;
}  // namespace detail

/// Mean over the batch of -log softmax(scores)[label]: labels one-hot, or soft labels whose
/// columns sum to 1 (the loss is lse(s) - y·s per column, as its fused rule assumes).
template <expression S, expression Y>
constexpr auto softmax_cross_entropy(S, Y) {
    static_cast<void>(detail::check_loss_operands<S, Y>());
    if constexpr (detail::loss_operands_ok_v<S, Y>) return softmax_ce<S, Y>{};
    else return invalid_expr{};
}

/// CS231n's multiclass SVM loss: mean over the batch of sum_{j != y} max(0, s_j - s_y + 1).
template <expression S, expression Y>
constexpr auto svm_loss(S s, Y y) {
    static_cast<void>(detail::check_loss_operands<S, Y>());
    if constexpr (detail::loss_operands_ok_v<S, Y>) {
        using namespace literals;
        const auto correct = detail::make_colwise_sum(hadamard(y, s));  // s_y, one per column
        const auto margins = hadamard(relu(s - correct + 1_c), 1_c - y);
        return sum(margins) / count_leaf<1, S::cols>{};
    } else {
        return invalid_expr{};
    }
}

/// Mean squared error over every element.
template <expression P, expression T>
constexpr auto mse(P p, T t) {
    static_cast<void>(detail::check_loss_operands<P, T>());
    if constexpr (detail::loss_operands_ok_v<P, T>) return mean(square(p - t));
    else return invalid_expr{};
}

}  // namespace exprnet
