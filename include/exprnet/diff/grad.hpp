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
#include <exprnet/diff/rules/loss.hpp>
#include <exprnet/diff/rules/matmul.hpp>
#include <exprnet/diff/rules/reduce.hpp>
#include <exprnet/diff/wrt.hpp>
#include <exprnet/expr/make.hpp>
#include <exprnet/graph/topo.hpp>
#include <exprnet/ops/activation.hpp>

#include <array>
#include <type_traits>
#include <utility>

namespace exprnet {

/// `adjoint<Loss, Node>::type`: dLoss/dNode as an expression type. Each instantiation is
/// memoised by the compiler, so every adjoint is derived once however many paths reach it.
template <class Loss, class Node>
struct adjoint;

namespace detail {

/// The positions of Node's children in Nodes, as a type (see eval/plan.hpp, row_of: nothing
/// is named after the node list once per node).
template <class Node, class Nodes, class Children = typename Node::children>
struct child_indices;
template <class Node, class Nodes, class... Cs>
struct child_indices<Node, Nodes, type_list<Cs...>> {
    using type = std::integer_sequence<int, int(index_of_t<Cs, Nodes>::value)...>;
};
template <int... Cs>
constexpr std::array<int, 2> child_pair(std::integer_sequence<int, Cs...>) {
    std::array<int, 2> c{-1, -1};
    int i = 0;
    ((c[std::size_t(i++)] = Cs), ...);
    return c;
}

/// The edges of a graph as index tables, computed once per node list and grouped by child:
/// the edges into node k are parent[first[k] .. first[k + 1]) with the child's position in
/// each, parents in topological order. An adjoint reads its terms from here instead of asking
/// every node whether it is a parent, which would instantiate a trait per pair of nodes.
template <class Nodes>
struct edge_table;
template <class... Ns>
struct edge_table<type_list<Ns...>> {
    static constexpr int size = int(sizeof...(Ns));
    static constexpr std::array<std::array<int, 2>, sizeof...(Ns)> children{child_pair(typename child_indices<Ns, type_list<Ns...>>::type{})...};
    struct tables {
        std::array<int, sizeof...(Ns) + 2> first{};  // [size + 1]: a node not in the list has no edges
        std::array<int, 2 * sizeof...(Ns) + 1> parent{};
        std::array<int, 2 * sizeof...(Ns) + 1> position{};
    };
    // A counting sort by child: linear in the edges.
    static constexpr tables edges = [] {
        tables t;
        for (const auto& c : children)
            for (int k : c)
                if (k >= 0) ++t.first[std::size_t(k) + 1];
        for (std::size_t k = 0; k <= sizeof...(Ns); ++k) t.first[k + 1] += t.first[k];
        std::array<int, sizeof...(Ns) + 2> next = t.first;
        for (int p = 0; p < size; ++p)
            for (int i = 0; i < 2; ++i) {
                const int k = children[std::size_t(p)][std::size_t(i)];
                if (k < 0) continue;
                const int at = next[std::size_t(k)]++;
                t.parent[std::size_t(at)] = p;
                t.position[std::size_t(at)] = i;
            }
        return t;
    }();
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

/// The sum, over the edges into Node (edges[First + J] of its node list's edge table), of each
/// parent's local rule applied to its adjoint. Only types here: no static member is named
/// after the node list once per node.
template <class Loss, class Node, class Nodes, int First, class Edges>
struct adjoint_from;
template <class Loss, class Node, class Nodes, int First, std::size_t... Js>
struct adjoint_from<Loss, Node, Nodes, First, std::index_sequence<Js...>> {
    using terms = type_list<decltype(rule<at_t<std::size_t(edge_table<Nodes>::edges.parent[First + Js]), Nodes>>::template partial<
                                     std::size_t(edge_table<Nodes>::edges.position[First + Js])>(
        typename adjoint<Loss, at_t<std::size_t(edge_table<Nodes>::edges.parent[First + Js]), Nodes>>::type{}))...>;
    using type = typename sum_of<Node, terms>::type;
};

template <class Loss, class Node, class Nodes = nodes_of_t<Loss>, std::size_t K = index_of_t<Node, Nodes>::value>
using adjoint_of = adjoint_from<Loss, Node, Nodes, edge_table<Nodes>::edges.first[K],
                                std::make_index_sequence<std::size_t(edge_table<Nodes>::edges.first[K + 1] - edge_table<Nodes>::edges.first[K])>>;

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

/// ReportNonParam is false for lists made by wrt(...), which has reported non-params itself;
/// grad(loss, x) (ReportNonParam) also takes an input: dLoss/dx, for input-gradient penalties.
template <class Loss, class Param, bool ReportNonParam>
consteval bool check_param_in_loss() {
    if constexpr (any_invalid_v<Param>) {
        return false;
    } else if constexpr (!is_param_v<Param> && !(ReportNonParam && is_input_v<Param>)) {
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
inline constexpr bool gradient_request_ok_v = !any_invalid_v<Loss, Params...> && Loss::rows == 1 && Loss::cols == 1 &&
                                              (((is_param_v<Params> || is_input_v<Params>) && depends_on_v<Loss, Params>) && ...);

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
