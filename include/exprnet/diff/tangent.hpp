/// @file
/// Defines forward-mode differentiation at compile time: `tangent_t<E, Wrt>` is the directional
/// derivative of any expression E when each param P of Wrt moves along its direction leaf v_P,
/// and `jvp(e, wrt(W1, ...))` gives it as a value.
/// Shapes: a tangent has its node's shape. Backward: the tangent is an ordinary expression, so
/// it has gradients too (grad of a tangent is how hvp's reverse-over-reverse check is built).
/// Forward rule of each node: an elementwise op's `partial` facet applied to the operands'
/// tangents (a partial is linear and diagonal in G, so the same expression is the op's
/// Jacobian applied to a tangent: one op, one place); for the other nodes, rules below
/// (A·B → tA·B + A·tB, sums of tangents, softmax's symmetric Jacobian, ...).
/// Evaluation: none here; tangents are expression types, compiled like any other.
#pragma once

#include <exprnet/core/diagnostics.hpp>
#include <exprnet/diff/grad.hpp>
#include <exprnet/diff/wrt.hpp>
#include <exprnet/expr/make.hpp>

#include <type_traits>

namespace exprnet {

/// `tangent<Node, type_list<Ps...>>::type`: dNode along the directions of Ps, as an expression
/// type. Memoised by the compiler like `adjoint`: each node's tangent is derived once.
template <class Node, class Wrt>
struct tangent;

template <class Node, class Wrt>
using tangent_t = typename tangent<std::remove_cvref_t<Node>, Wrt>::type;

namespace detail {

/// A leaf's tangent: its direction if it is a param that moves, else zero.
template <class Leaf, class Wrt>
constexpr auto leaf_tangent() {
    if constexpr (is_param_v<Leaf> && contains_t<Leaf, Wrt>::value) return direction_leaf<Leaf>{};
    else return zero_leaf<Leaf::rows, Leaf::cols>{};
}

template <class T>
inline constexpr bool zero_tangent_v = is_zero_v<T>;

}  // namespace detail

template <class Node, class Wrt>
struct tangent {
    static_assert(Node::children::size == 0, "exprnet internal: a node type without a forward rule (diff/tangent.hpp)");
    using type = decltype(detail::leaf_tangent<Node, Wrt>());
};

template <class Op, class A, class Wrt>
struct tangent<unary<Op, A>, Wrt> {
    static constexpr auto make() {
        using TA = tangent_t<A, Wrt>;
        if constexpr (detail::zero_tangent_v<TA>) return zero_leaf<A::rows, A::cols>{};
        else return Op::partial(TA{}, A{}, unary<Op, A>{});
    }
    using type = decltype(make());
};

template <class Op, class A, class B, class Wrt>
struct tangent<binary<Op, A, B>, Wrt> {
    static constexpr auto make() {
        using TA = tangent_t<A, Wrt>;
        using TB = tangent_t<B, Wrt>;
        if constexpr (detail::zero_tangent_v<TA> && detail::zero_tangent_v<TB>) return zero_leaf<A::rows, A::cols>{};
        else if constexpr (detail::zero_tangent_v<TB>) return Op::template partial<0>(TA{}, A{}, B{});
        else if constexpr (detail::zero_tangent_v<TA>) return Op::template partial<1>(TB{}, A{}, B{});
        else return detail::make_binary<add_op>(Op::template partial<0>(TA{}, A{}, B{}), Op::template partial<1>(TB{}, A{}, B{}));
    }
    using type = decltype(make());
};

/// d(A·B) = dA·B + A·dB.
template <class A, class B, class Wrt>
struct tangent<matmul<A, B>, Wrt> {
    using type = decltype(detail::make_binary<add_op>(detail::make_matmul(tangent_t<A, Wrt>{}, B{}),
                                                      detail::make_matmul(A{}, tangent_t<B, Wrt>{})));
};

template <class A, class Wrt>
struct tangent<transpose_node<A>, Wrt> {
    using type = decltype(detail::make_transpose(tangent_t<A, Wrt>{}));
};

template <class A, int R, int C, class Wrt>
struct tangent<broadcast<A, R, C>, Wrt> {
    using type = decltype(detail::make_broadcast<R, C>(tangent_t<A, Wrt>{}));
};

template <class A, class Wrt>
struct tangent<sum_all<A>, Wrt> {
    using type = decltype(detail::make_sum_all(tangent_t<A, Wrt>{}));
};
template <class A, class Wrt>
struct tangent<rowwise_sum<A>, Wrt> {
    using type = decltype(detail::make_rowwise_sum(tangent_t<A, Wrt>{}));
};
template <class A, class Wrt>
struct tangent<colwise_sum<A>, Wrt> {
    using type = decltype(detail::make_colwise_sum(tangent_t<A, Wrt>{}));
};

/// Softmax's Jacobian is symmetric, so its backward rule is its forward rule: p ⊙ (t - colsum(t ⊙ p)).
template <class S, class Wrt>
struct tangent<softmax_node<S>, Wrt> {
    static constexpr auto make() {
        using TS = tangent_t<S, Wrt>;
        if constexpr (detail::zero_tangent_v<TS>) return zero_leaf<S::rows, S::cols>{};
        else return rule<softmax_node<S>>::template partial<0>(TS{});
    }
    using type = decltype(make());
};

/// d log_softmax(S) = t - colsum(softmax(S) ⊙ t), with softmax(S) = exp(h) read off the output h.
template <class S, class Wrt>
struct tangent<log_softmax_node<S>, Wrt> {
    static constexpr auto make() {
        using TS = tangent_t<S, Wrt>;
        using detail::make_binary;
        if constexpr (detail::zero_tangent_v<TS>) return zero_leaf<S::rows, S::cols>{};
        else return make_binary<sub_op>(TS{}, detail::make_colwise_sum(make_binary<mul_op>(detail::make_unary<exp_op>(log_softmax_node<S>{}), TS{})));
    }
    using type = decltype(make());
};

/// d CE(S, Y) = sum((softmax(S) - Y) / N ⊙ t): the fused backward rule, dotted with S's tangent
/// (the labels are data).
template <class S, class Y, class Wrt>
struct tangent<softmax_ce<S, Y>, Wrt> {
    using type = decltype(detail::make_sum_all(
        detail::make_binary<mul_op>(rule<softmax_ce<S, Y>>::template partial<0>(ratio_c<1>), tangent_t<S, Wrt>{})));
};

/// The direction leaf of param P, for expressions of your own (what jvp and hvp insert).
template <expression P>
constexpr auto direction(P) {
    static_assert(is_param_v<P>, EXPRNET_MSG_DIRECTION_NOT_A_PARAM);
    if constexpr (is_param_v<P>) return direction_leaf<P>{};
    else return invalid_expr{};
}

/// The Jacobian-vector product of any expression: its derivative when each listed param moves
/// along its direction (forward mode). `compile(jvp(scores, wrt(W1)))` is a program that reads
/// the directions from a second arena: `auto jv = prog(p, v, x = xb);`.
template <expression E, class... Params>
constexpr auto jvp(E, wrt_list<Params...>) {
    if constexpr (any_invalid_v<E>) {
        return invalid_expr{};
    } else {
        constexpr bool present = (detail::check_param_in_loss<E, Params, false>() && ...);
        if constexpr (present) return tangent_t<E, detail::type_list<Params...>>{};
        else return invalid_expr{};
    }
}

}  // namespace exprnet
