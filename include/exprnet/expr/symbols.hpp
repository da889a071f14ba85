/// @file
/// Defines `detail::symbols_t<E>`, the set of param<> and input<> symbols of an expression, and
/// `detail::names_clash<A, B>`: whether joining subtrees A and B in one node puts two different
/// symbols with one name in it. The simplifying constructors (expr/make.hpp) report that where
/// the expression is written.
/// Shapes: none. Backward: none. Evaluation: compile time only.
///
/// Cost (checked on every join, gradients included): a set is a type of numbers, sorted
/// (name hash, identity hash) pairs, so equal sets are one type whatever the order the symbols
/// were met in; a node's set is one class per node type, a union one class per pair of sets
/// (the gradients' nodes mostly hold sets the forward nodes hold), and no type is instantiated
/// per symbol. A clash of the 64-bit name hashes is confirmed on the names themselves before it
/// is reported, so a collision cannot cause a false message.
#pragma once

#include <exprnet/detail/type_list.hpp>
#include <exprnet/expr/leaf.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>

namespace exprnet::detail {

constexpr std::uint64_t fnv1a_byte(std::uint64_t h, unsigned char c) { return (h ^ c) * 1099511628211ull; }
constexpr std::uint64_t name_hash(std::string_view name) {
    std::uint64_t h = 14695981039346656037ull;
    for (char c : name) h = fnv1a_byte(h, static_cast<unsigned char>(c));
    return h;
}
/// The name hash extended with what else tells two symbols of one name apart.
constexpr std::uint64_t identity_hash(std::uint64_t h, int kind, int rows, int cols) {
    for (int v : {kind, rows, cols})
        for (int i = 0; i < 4; ++i) h = fnv1a_byte(h, static_cast<unsigned char>(static_cast<unsigned>(v) >> (8 * i)));
    return h;
}

/// A set of symbols: (name hash, identity hash) pairs, flattened and sorted.
template <std::uint64_t... Keys>
struct symbol_set {};

template <class Node>
struct symbols;
template <class Node>
using symbols_t = typename symbols<Node>::type;

/// The union of two sets, and whether it holds two symbols of one name hash (the first such
/// hash is `clash_name`).
template <class SA, class SB>
struct symbol_union;
template <std::uint64_t... As, std::uint64_t... Bs>
struct symbol_union<symbol_set<As...>, symbol_set<Bs...>> {
    struct result {
        std::array<std::uint64_t, sizeof...(As) + sizeof...(Bs) + 1> keys{};
        std::size_t size = 0;
        bool clash = false;
        std::uint64_t clash_name = 0;
    };
    static constexpr result joined = [] {
        const std::uint64_t a[] = {As..., 0};
        const std::uint64_t b[] = {Bs..., 0};
        const std::size_t na = sizeof...(As), nb = sizeof...(Bs);
        result r;
        std::size_t i = 0, j = 0;
        while (i < na || j < nb) {
            const bool from_a = j >= nb || (i < na && (a[i] < b[j] || (a[i] == b[j] && a[i + 1] <= b[j + 1])));
            const std::uint64_t name = from_a ? a[i] : b[j];
            const std::uint64_t id = from_a ? a[i + 1] : b[j + 1];
            (from_a ? i : j) += 2;
            if (r.size >= 2 && r.keys[r.size - 2] == name) {
                if (r.keys[r.size - 1] == id) continue;  // in both
                if (!r.clash) r.clash_name = name;
                r.clash = true;
            }
            r.keys[r.size++] = name;
            r.keys[r.size++] = id;
        }
        return r;
    }();
    static constexpr bool clash = joined.clash;
    template <std::size_t... Ks>
    static auto picked(std::index_sequence<Ks...>) -> symbol_set<joined.keys[Ks]...>;
    using type = decltype(picked(std::make_index_sequence<joined.size>{}));
};

/// Joins where one side is empty or both are the same set (most joins in a gradient).
template <class S>
struct same_symbols {
    static constexpr bool clash = false;
    using type = S;
};
template <class SA, class SB>
using symbol_join_t =
    std::conditional_t<std::is_same_v<SA, SB> || std::is_same_v<SB, symbol_set<>>, same_symbols<SA>,
                       std::conditional_t<std::is_same_v<SA, symbol_set<>>, same_symbols<SB>, symbol_union<SA, SB>>>;

/// What joining subtrees A and B in one node does to their symbol sets (::type, ::clash).
template <class A, class B>
using joined_symbols_t = symbol_join_t<symbols_t<A>, symbols_t<B>>;

/// The union of the children's sets.
template <class... Sets>
struct symbols_union_all {
    using type = symbol_set<>;
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
    using type = symbol_set<name_hash(Name.view()), identity_hash(name_hash(Name.view()), 0, Rows, Cols)>;
};
template <fixed_string Name, int Rows>
struct symbols<input_leaf<Name, Rows>> {
    using type = symbol_set<name_hash(Name.view()), identity_hash(name_hash(Name.view()), 1, Rows, batch_dim)>;
};

// ---- naming a clash (instantiated only when the hashes say there is one) ----------------------

/// The first symbol of Node whose name hash is H, or void (memoised per node: linear).
template <class Node, std::uint64_t H>
struct find_symbol;
template <class List, std::uint64_t H>
struct find_symbol_in;
template <std::uint64_t H>
struct find_symbol_in<type_list<>, H> {
    using type = void;
};
template <class C, class... Cs, std::uint64_t H>
struct find_symbol_in<type_list<C, Cs...>, H> {
    using here = typename find_symbol<C, H>::type;
    using type = typename std::conditional_t<std::is_void_v<here>, find_symbol_in<type_list<Cs...>, H>, std::type_identity<here>>::type;
};
template <class Node, std::uint64_t H>
struct find_symbol {
    using type = typename find_symbol_in<typename Node::children, H>::type;
};
template <fixed_string Name, int Rows, int Cols, std::uint64_t H>
struct find_symbol<param_leaf<Name, Rows, Cols>, H> {
    using type = std::conditional_t<name_hash(Name.view()) == H, param_leaf<Name, Rows, Cols>, void>;
};
template <fixed_string Name, int Rows, std::uint64_t H>
struct find_symbol<input_leaf<Name, Rows>, H> {
    using type = std::conditional_t<name_hash(Name.view()) == H, input_leaf<Name, Rows>, void>;
};

template <class S, class T>
consteval bool distinct_symbols_one_name() {
    if constexpr (std::is_void_v<S> || std::is_void_v<T> || std::is_same_v<S, T>) return false;
    else return S::name.view() == T::name.view();
}

/// The two symbols that share a name when A and B are joined: one in A, the other in B.
template <class A, class B>
struct name_clash_of {
    static constexpr std::uint64_t hash = joined_symbols_t<A, B>::joined.clash_name;
    using first = typename find_symbol<A, hash>::type;
    using second = typename find_symbol<B, hash>::type;
    static constexpr bool exact = distinct_symbols_one_name<first, second>();  // not a hash collision
};

/// Whether joining A and B puts two different symbols with one name in a node.
template <class A, class B, bool HashClash = joined_symbols_t<A, B>::clash>
struct names_clash : std::false_type {};
template <class A, class B>
struct names_clash<A, B, true> : std::bool_constant<name_clash_of<A, B>::exact> {};

}  // namespace exprnet::detail
