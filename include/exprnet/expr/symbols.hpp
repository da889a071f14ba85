/// @file
/// Defines `detail::symbols_t<E>`, the param<> and input<> symbols of an expression (each once,
/// remembered per node type), and `detail::joined_names_t<A, B>`, what joining two subtrees
/// in one node does to them: whether a symbol of B has the name of another symbol of A. The
/// simplifying constructors (expr/make.hpp) report such a clash where the expression is written.
/// Shapes: none. Backward: none. Evaluation: compile time only.
///
/// Cost: a node's symbols are one class per node type, and a join is computed once per pair of
/// symbol lists (not per pair of nodes), so the gradients, whose nodes mostly hold the symbol
/// lists the forward nodes hold, add little. No variable or function is named after a node.
#pragma once

#include <exprnet/detail/type_list.hpp>
#include <exprnet/expr/leaf.hpp>

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

namespace exprnet::detail {

template <class Node>
struct symbols;
template <class Node>
using symbols_t = typename symbols<Node>::type;

/// A's symbols, then those of B that A lacks; and the first symbol of B (`clash_b`) that has
/// the name of a different symbol of A (`clash_a`), if any.
template <class A, class B>
struct symbol_union;
template <class... As, class... Bs>
struct symbol_union<type_list<As...>, type_list<Bs...>> {
    struct result {
        std::array<std::size_t, sizeof...(Bs) + 1> added{};
        std::size_t count = 0;
        std::size_t clash_a = npos;
        std::size_t clash_b = npos;
    };
    static constexpr result joined = [] {
        result r;
        const std::string_view a_names[] = {As::name.view()..., std::string_view{}};
        const std::string_view b_names[] = {Bs::name.view()..., std::string_view{}};
        const bool in_a[] = {contains_t<Bs, type_list<As...>>::value..., false};
        for (std::size_t j = 0; j < sizeof...(Bs); ++j) {
            if (in_a[j]) continue;
            r.added[r.count++] = j;
            for (std::size_t i = 0; i < sizeof...(As) && r.clash_b == npos; ++i) {
                if (a_names[i] == b_names[j]) {
                    r.clash_a = i;
                    r.clash_b = j;
                }
            }
        }
        return r;
    }();
    static constexpr bool clash = joined.clash_b != npos;

    template <std::size_t... Js>
    static auto picked(std::index_sequence<Js...>) -> type_list<As..., at_t<joined.added[Js], type_list<Bs...>>...>;
    using type = decltype(picked(std::make_index_sequence<joined.count>{}));
};

/// The join of a list with itself (most joins in a gradient): nothing to compute.
template <class List>
struct same_symbols {
    static constexpr bool clash = false;
    using type = List;
};

template <class SA, class SB>
using symbol_join_t = std::conditional_t<std::is_same_v<SA, SB>, same_symbols<SA>, symbol_union<SA, SB>>;

/// What joining subtrees A and B in one node does to their symbols (::clash, ::type).
template <class A, class B>
using joined_names_t = symbol_join_t<symbols_t<A>, symbols_t<B>>;

/// The two symbols that share a name when A and B are joined (only named in a diagnostic).
template <class A, class B>
struct name_clash_of {
    using join = joined_names_t<A, B>;
    using first = at_t<join::joined.clash_a, symbols_t<A>>;
    using second = at_t<join::joined.clash_b, symbols_t<B>>;
};

/// The union of symbol lists, left to right.
template <class... Lists>
struct symbols_union_all {
    using type = type_list<>;
};
template <class S>
struct symbols_union_all<S> {
    using type = S;
};
template <class S, class T, class... Rest>
struct symbols_union_all<S, T, Rest...> : symbols_union_all<typename symbol_join_t<S, T>::type, Rest...> {};

template <class Children>
struct symbols_of_children;
template <class... Cs>
struct symbols_of_children<type_list<Cs...>> {
    using type = typename symbols_union_all<symbols_t<Cs>...>::type;
};

template <class Node>
struct symbols {
    using type = typename symbols_of_children<typename Node::children>::type;
};
template <fixed_string Name, int Rows, int Cols>
struct symbols<param_leaf<Name, Rows, Cols>> {
    using type = type_list<param_leaf<Name, Rows, Cols>>;
};
template <fixed_string Name, int Rows>
struct symbols<input_leaf<Name, Rows>> {
    using type = type_list<input_leaf<Name, Rows>>;
};

}  // namespace exprnet::detail
