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
#include <string_view>
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
struct is_direction : std::bool_constant<is_direction_v<T>> {};
template <class T>
struct is_symbol : std::bool_constant<is_param_v<T> || is_input_v<T>> {};

/// The first two distinct symbols of the list that share a name, as positions (npos if none):
/// the names are compared as strings in one constant expression, no function per pair.
template <class Symbols>
struct name_clash;
template <class... Ts>
struct name_clash<type_list<Ts...>> {
    static constexpr std::array<std::size_t, 2> at = [] {
        const std::string_view names[] = {Ts::name.view()..., std::string_view{}};
        for (std::size_t j = 1; j < sizeof...(Ts); ++j)
            for (std::size_t i = 0; i < j; ++i)
                if (names[i] == names[j]) return std::array<std::size_t, 2>{i, j};
        return std::array<std::size_t, 2>{npos, npos};
    }();
    static constexpr bool value = at[0] != npos;
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

/// The direction leaves of E (diff/tangent.hpp): what a second-order program reads from its
/// direction arena.
template <class E>
using directions_of_t = typename detail::filter<nodes_of_t<E>, detail::is_direction>::type;

namespace detail {
template <class E>
using symbols_of_t = typename filter<nodes_of_t<E>, is_symbol>::type;
}  // namespace detail

template <class E, class Node>
inline constexpr bool depends_on_v = detail::contains_t<Node, nodes_of_t<E>>::value;

template <class E>
inline constexpr bool has_params_v = params_of_t<E>::size != 0;

/// Whether the symbols of E have distinct names (the same name for two shapes is a bug).
template <class E>
inline constexpr bool symbol_names_unique_v = !detail::name_clash<detail::symbols_of_t<E>>::value;

/// Reports symbols of E that share a name, naming both. (Checked once per compiled graph, not
/// where each node joins two subtrees: that cost 31 % more compiler memory at depth 32.)
template <class E>
consteval bool check_symbol_names() {
    if constexpr (!symbol_names_unique_v<E>) {
        using clash = detail::name_clash<detail::symbols_of_t<E>>;
        static_assert(symbol_names_unique_v<E>, EXPRNET_MSG_DUPLICATE_NAME);
        using shown_below [[maybe_unused]] = diagnostic::show<diagnostic::symbols_share_a_name<
            detail::at_t<clash::at[0], detail::symbols_of_t<E>>, detail::at_t<clash::at[1], detail::symbols_of_t<E>>>>;
    }
    return symbol_names_unique_v<E>;
}

}  // namespace exprnet
