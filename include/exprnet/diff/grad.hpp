/// @file
/// Defines reverse-mode differentiation at compile time: `grad_t<Loss, Node>` is the gradient
/// expression of a 1×1 Loss with respect to any node of it, and `grad(loss, W)` /
/// `grad(loss, wrt(W1, b1))` give them as values.
/// Shapes: a gradient has the shape of its node. Backward: the adjoint of a node is the sum,
/// over every parent and every position it holds there, of the parent's local rule applied
/// to the parent's adjoint: the chain rule, with "gradients add at branches" built in.
/// Evaluation: gradients are ordinary expressions; they share subexpressions with the forward.
#pragma once

#include <exprnet/core/diagnostics.hpp>
#include <exprnet/diff/rule.hpp>
#include <exprnet/diff/rules/activation.hpp>
#include <exprnet/diff/rules/arithmetic.hpp>
#include <exprnet/diff/rules/loss.hpp>
#include <exprnet/diff/rules/matmul.hpp>
#include <exprnet/diff/rules/reduce.hpp>
#include <exprnet/diff/wrt.hpp>
#include <exprnet/expr/make.hpp>
#include <exprnet/graph/topo.hpp>

#include <array>
#include <type_traits>
#include <utility>

namespace exprnet {

/// `adjoint<Loss, Node>::type`: dLoss/dNode as an expression type. Each instantiation is
/// memoised by the compiler, so every adjoint is derived once however many paths reach it.
template <class Loss, class Node>
struct adjoint;

namespace detail {

/// The edges of a graph as index tables, computed once per node list: for node k, every
/// (parent, position) with parent.children[position] == k, parents in topological order. An
/// adjoint reads its terms from here instead of asking every node whether it is a parent, which
/// would instantiate a trait per pair of nodes (graphs have hundreds).
template <class Nodes>
struct edge_table;
template <class... Ns>
struct edge_table<type_list<Ns...>> {
    static constexpr int size = int(sizeof...(Ns));
    struct edges {
        std::array<int, 2 * sizeof...(Ns) + 1> parent{};
        std::array<int, 2 * sizeof...(Ns) + 1> position{};
        int count = 0;
    };
    template <class N>
    static constexpr std::array<int, 2> children_of() {
        std::array<int, 2> c{-1, -1};
        [&]<class... Cs>(type_list<Cs...>) {
            int i = 0;
            ((c[std::size_t(i++)] = int(index_of_v<Cs, type_list<Ns...>>)), ...);
        }(typename N::children{});
        return c;
    }
    static constexpr std::array<std::array<int, 2>, sizeof...(Ns)> children{children_of<Ns>()...};
    static constexpr edges into(int k) {
        edges e;
        for (int p = 0; p < size; ++p)
            for (int i = 0; i < 2; ++i)
                if (children[std::size_t(p)][std::size_t(i)] == k) {
                    e.parent[std::size_t(e.count)] = p;
                    e.position[std::size_t(e.count)] = i;
                    ++e.count;
                }
        return e;
    }
};

template <class Node, class Acc>
constexpr auto sum_terms(Acc acc) {
    return acc;
}
template <class Node, class Acc, class T, class... Ts>
constexpr auto sum_terms(Acc acc, T t, Ts... ts) {
    return sum_terms<Node>(make_binary<add_op>(acc, t), ts...);
}

template <class Node, class Terms>
struct sum_of;
template <class Node>
struct sum_of<Node, type_list<>> {
    using type = zero_leaf<Node::rows, Node::cols>;
};
template <class Node, class T, class... Ts>
struct sum_of<Node, type_list<T, Ts...>> {
    using type = decltype(sum_terms<Node>(T{}, Ts{}...));
};

/// The sum, over the edges into Node, of each parent's local rule applied to its adjoint.
template <class Loss, class Node, class Nodes, class Edges>
struct adjoint_from;
template <class Loss, class Node, class Nodes, std::size_t... Js>
struct adjoint_from<Loss, Node, Nodes, std::index_sequence<Js...>> {
    static constexpr auto edges = edge_table<Nodes>::into(int(index_of_v<Node, Nodes>));
    using terms = type_list<decltype(rule<at_t<std::size_t(edges.parent[Js]), Nodes>>::template partial<std::size_t(edges.position[Js])>(
        typename adjoint<Loss, at_t<std::size_t(edges.parent[Js]), Nodes>>::type{}))...>;
    using type = typename sum_of<Node, terms>::type;
};

template <class Loss, class Node, class Nodes = nodes_of_t<Loss>>
using adjoint_of = adjoint_from<Loss, Node, Nodes,
                                std::make_index_sequence<std::size_t(edge_table<Nodes>::into(int(index_of_v<Node, Nodes>)).count)>>;

}  // namespace detail

template <class Loss, class Node>
struct adjoint {
    using type = typename detail::adjoint_of<Loss, Node>::type;
};

template <class Loss>
struct adjoint<Loss, Loss> {
    using type = std::remove_const_t<decltype(ratio_c<1>)>;  // ratio_c is a const variable
};

/// The gradient of a 1×1 Loss with respect to Node, as an expression type. cv-qualifiers are
/// ignored, so `grad_t<decltype(loss), decltype(h1)>` works on `constexpr auto` variables.
template <class Loss, class Node>
using grad_t = typename adjoint<std::remove_cvref_t<Loss>, std::remove_cvref_t<Node>>::type;

namespace detail {

// Checks of a gradient request, one message per mistake: the loss must be 1×1, and each param
// listed must be a param<> that appears in the loss. An operand that is already invalid (its
// mistake was reported where it was made) fails silently.
template <class Loss>
consteval bool check_loss_is_scalar() {
    if constexpr (any_invalid_v<Loss>) {
        return false;
    } else {
        constexpr bool scalar = Loss::rows == 1 && Loss::cols == 1;
        static_assert(scalar, EXPRNET_MSG_LOSS_NOT_SCALAR);
        return scalar;
    }
}

/// ReportNonParam is false for lists made by wrt(...), which has reported non-params itself.
template <class Loss, class Param, bool ReportNonParam>
consteval bool check_param_in_loss() {
    if constexpr (any_invalid_v<Param>) {
        return false;
    } else if constexpr (!is_param_v<Param>) {
        static_assert(!ReportNonParam, EXPRNET_MSG_WRT_NOT_A_PARAM);
        return false;
    } else {
        constexpr bool present = depends_on_v<Loss, Param>;
        static_assert(present, EXPRNET_MSG_WRT_NOT_IN_EXPRESSION);
        if constexpr (!present) {
            using shown_below [[maybe_unused]] = diagnostic::show<diagnostic::param_does_not_appear_in_expression<Param>>;
        }
        return present;
    }
}

/// grad(loss, W).
template <class Loss, class Param>
consteval bool check_gradient_request() {
    if constexpr (!check_loss_is_scalar<Loss>()) return false;
    else return check_param_in_loss<Loss, Param, true>();
}

/// grad(loss, wrt(...)) and compile(loss, wrt(...)): every param missing from the loss is named.
template <class Loss, class... Params>
consteval bool check_wrt_request() {
    if constexpr (!check_loss_is_scalar<Loss>()) return false;
    else return ((check_param_in_loss<Loss, Params, false>() ? 1 : 0) + ... + 0) == int(sizeof...(Params));  // checks all
}

/// The same verdict without any message. Callers report with a check_ function in a statement
/// of its own and branch on this: a condition whose evaluation failed a static_assert makes
/// g++ instantiate both branches, a cascade of follow-up errors.
template <class Loss, class... Params>
inline constexpr bool gradient_request_ok_v = !any_invalid_v<Loss, Params...> && Loss::rows == 1 &&
                                              Loss::cols == 1 && ((is_param_v<Params> && depends_on_v<Loss, Params>) && ...);

}  // namespace detail

/// The gradients of one loss with respect to several params, indexed by the param:
/// `auto g = grad(loss, wrt(W1, b1)); to_string(g[W1]);`
template <class Loss, class... Params>
struct gradients {
    template <class P>
    constexpr auto operator[](P) const {
        static_assert((std::is_same_v<P, Params> || ...), EXPRNET_MSG_WRT_NOT_IN_EXPRESSION);
        if constexpr (any_invalid_v<Loss>) return invalid_expr{};  // the request was reported
        else return grad_t<Loss, P>{};
    }
};

template <expression Loss, expression Param>
constexpr auto grad(Loss, Param) {
    static_cast<void>(detail::check_gradient_request<Loss, Param>());
    if constexpr (detail::gradient_request_ok_v<Loss, Param>) return grad_t<Loss, Param>{};
    else return invalid_expr{};
}

template <expression Loss, class... Params>
constexpr auto grad(Loss, wrt_list<Params...>) {
    static_cast<void>(detail::check_wrt_request<Loss, Params...>());
    if constexpr (detail::gradient_request_ok_v<Loss, Params...>) return gradients<Loss, Params...>{};
    else return gradients<invalid_expr, Params...>{};
}

}  // namespace exprnet
