/// @file
/// Defines the whole-graph analyses: `nodes_of_t<Roots...>` (every distinct node type, children
/// before parents), `params_of_t<E>`, `inputs_of_t<E>` and `depends_on_v<E, Leaf>`.
/// Shapes: none. Backward: the reverse of this order is the order of the chain rule.
/// Evaluation: compile time only. Identity is structure: one type, one node.
#pragma once

#include <exprnet/core/diagnostics.hpp>
#include <exprnet/detail/type_list.hpp>
#include <exprnet/expr/leaf.hpp>

#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

namespace exprnet {

namespace detail {

template <class Visited, class Node, bool Seen = contains_t<Node, Visited>::value>
struct visit;

template <class Visited, class Children>
struct visit_all;
template <class Visited>
struct visit_all<Visited, type_list<>> {
    using type = Visited;
};
template <class Visited, class C, class... Cs>
struct visit_all<Visited, type_list<C, Cs...>> {
    using type = typename visit_all<typename visit<Visited, C>::type, type_list<Cs...>>::type;
};

template <class Visited, class Node>
struct visit<Visited, Node, true> {
    using type = Visited;
};
template <class Visited, class Node>
struct visit<Visited, Node, false> {
    // Post-order: children first, so the list is a topological order.
    using type = typename push_back<typename visit_all<Visited, typename Node::children>::type, Node>::type;
};

/// The elements of the list that satisfy Pred, in order: positions computed in one constant
/// expression, then picked (a concatenation of one list per element would be quadratic).
template <class List, template <class> class Pred>
struct filter;
template <class... Ts, template <class> class Pred>
struct filter<type_list<Ts...>, Pred> {
    struct kept {
        std::array<std::size_t, sizeof...(Ts) + 1> at{};
        std::size_t count = 0;
    };
    static constexpr kept positions = [] {
        kept k;
        std::size_t i = 0;
        for (bool keep : {Pred<Ts>::value..., false}) {
            if (keep) k.at[k.count++] = i;
            ++i;
        }
        return k;
    }();
    template <std::size_t... Js>
    static auto picked(std::index_sequence<Js...>) -> type_list<at_t<positions.at[Js], type_list<Ts...>>...>;
    using type = decltype(picked(std::make_index_sequence<positions.count>{}));
};

template <class T>
struct is_param : std::bool_constant<is_param_v<T>> {};
template <class T>
struct is_input : std::bool_constant<is_input_v<T>> {};
template <class T>
struct is_symbol : std::bool_constant<is_param_v<T> || is_input_v<T>> {};

template <class A, class B>
consteval bool same_name() {
    if constexpr (A::name.size() != B::name.size()) return false;
    else return A::name == B::name;
}

/// True when no two distinct symbols share a name.
template <class Symbols>
struct names_unique;
template <class... Ts>
struct names_unique<type_list<Ts...>> {
    template <class T>
    static constexpr int count = [] {
        constexpr bool same[] = {same_name<T, Ts>()..., false};
        int n = 0;
        for (bool s : same) n += s;
        return n;
    }();
    static constexpr bool value = [] {
        constexpr int counts[] = {count<Ts>..., 1};
        for (int c : counts)
            if (c != 1) return false;
        return true;
    }();
};

}  // namespace detail

/// Every distinct node reachable from the roots, children before parents. cv-qualifiers are
/// ignored, so `params_for<decltype(s)>` works when the `constexpr auto s` is itself a param.
template <class... Roots>
using nodes_of_t =
    typename detail::visit_all<detail::type_list<>, detail::type_list<std::remove_cvref_t<Roots>...>>::type;

template <class E>
using params_of_t = typename detail::filter<nodes_of_t<E>, detail::is_param>::type;

template <class E>
using inputs_of_t = typename detail::filter<nodes_of_t<E>, detail::is_input>::type;

template <class E, class Node>
inline constexpr bool depends_on_v = detail::contains_t<Node, nodes_of_t<E>>::value;

template <class E>
inline constexpr bool has_params_v = params_of_t<E>::size != 0;

/// Whether the symbols of E have distinct names (the same name for two shapes is a bug).
template <class E>
inline constexpr bool symbol_names_unique_v =
    detail::names_unique<typename detail::filter<nodes_of_t<E>, detail::is_symbol>::type>::value;

/// Reports symbols of E that share a name.
template <class E>
consteval bool check_symbol_names() {
    static_assert(symbol_names_unique_v<E>, EXPRNET_MSG_DUPLICATE_NAME);
    return symbol_names_unique_v<E>;
}

}  // namespace exprnet
