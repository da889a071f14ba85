/// @file
/// Defines the backward rules of softmax and of softmax with cross-entropy. The loss's rule is
/// the fused form dS = G ⊙ (softmax(S) - Y) / N; softmax alone gets its Jacobian-vector product
/// dS = p ⊙ (G - colsum(G ⊙ p)). The labels are data and receive no gradient.
/// Shapes: S's. Evaluation: softmax(S) is one materialised column-wise pass.
#pragma once

#include <exprnet/diff/rule.hpp>
#include <exprnet/expr/leaf.hpp>
#include <exprnet/expr/make.hpp>
#include <exprnet/expr/softmax.hpp>
#include <exprnet/ops/activation.hpp>

namespace exprnet {

template <class S, class Y>
struct rule<softmax_ce<S, Y>> {
    template <std::size_t I, class G>
    static constexpr auto partial(G g) {
        static_assert(I == 0, EXPRNET_MSG_LABELS_DEPEND_ON_PARAMS);
        using detail::make_binary;
        const auto p_minus_y = make_binary<sub_op>(softmax_node<S>{}, Y{});
        return make_binary<mul_op>(g, make_binary<div_op>(p_minus_y, count_leaf<1, S::cols>{}));
    }
};

template <class S>
struct rule<softmax_node<S>> {
    template <std::size_t I, class G>
    static constexpr auto partial(G g) {
        using detail::make_binary;
        const auto p = softmax_node<S>{};
        return make_binary<mul_op>(p, make_binary<sub_op>(g, detail::make_colwise_sum(make_binary<mul_op>(g, p))));
    }
};

/// d log_softmax: G - softmax(S) ⊙ colsum(G), with softmax(S) = exp(h) read off the output h.
template <class S>
struct rule<log_softmax_node<S>> {
    template <std::size_t I, class G>
    static constexpr auto partial(G g) {
        using detail::make_binary;
        const auto p = detail::make_unary<exp_op>(log_softmax_node<S>{});
        return make_binary<sub_op>(g, make_binary<mul_op>(p, detail::make_colwise_sum(g)));
    }
};

}  // namespace exprnet
