/// @file
/// Internal: a flat type list and the few algorithms the graph analysis needs.
/// Shapes: none. Backward: none. Evaluation: compile time only.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <type_traits>
#include <utility>

#if defined(__has_builtin)
#if __has_builtin(__type_pack_element)
#define EXPRNET_HAS_TYPE_PACK_ELEMENT 1  // clang; g++ 12 lacks it
#endif
#endif
#ifndef EXPRNET_HAS_TYPE_PACK_ELEMENT
#define EXPRNET_HAS_TYPE_PACK_ELEMENT 0
#endif

namespace exprnet::detail {

template <class... Ts>
struct type_list {
    static constexpr std::size_t size = sizeof...(Ts);
};

template <class List, class T>
struct push_back;
template <class... Ts, class T>
struct push_back<type_list<Ts...>, T> {
    using type = type_list<Ts..., T>;
};

template <std::size_t I, class T>
struct indexed {
    using type = T;
};
/// A list as one class with a base `indexed<I, T>` per element, so that finding an element by
/// position is one overload resolution: no recursion, and no function is instantiated or
/// defined (a function named after a whole node list, one per node, would make the compiler
/// mangle O(n) names of length O(n): quadratic in the depth of a net).
template <class Sequence, class... Ts>
struct indexer;
template <std::size_t... Is, class... Ts>
struct indexer<std::index_sequence<Is...>, Ts...> : indexed<Is, Ts>... {};

inline constexpr std::size_t npos = std::size_t(-1);

// Declared only: used in decltype, never called.
template <std::size_t I, class T>
indexed<I, T> select(const indexed<I, T>&);

/// The position of the first true, or npos. One function for every question: the hits are its
/// argument (`__is_same` per element, no trait instantiated per pair of types), not part of
/// its name.
constexpr std::size_t first_true(std::initializer_list<bool> hits) {
    std::size_t i = 0;
    for (bool hit : hits) {
        if (hit) return i;
        ++i;
    }
    return npos;
}
constexpr std::size_t found_or(std::size_t position, std::size_t otherwise) { return position == npos ? otherwise : position; }

// Positions and membership are types (integral constants), not variables: the compiler gives
// every variable a mangled name, and one named after a whole node list per node costs time
// quadratic in the depth of a net. Hence `index_of_t<T, List>::value`, not a variable template.

/// Position of T in the list (the list holds T exactly once; else the list's size).
template <class T, class List>
struct index_of;
template <class T, class... Ts>
struct index_of<T, type_list<Ts...>> {
    using type = std::integral_constant<std::size_t, found_or(first_true({__is_same(T, Ts)..., false}), sizeof...(Ts))>;
};
template <class T, class List>
using index_of_t = typename index_of<T, List>::type;

/// Whether T is in the list.
template <class T, class List>
struct contains;
template <class T, class... Ts>
struct contains<T, type_list<Ts...>> {
    using type = std::bool_constant<first_true({__is_same(T, Ts)..., false}) != npos>;
};
template <class T, class List>
using contains_t = typename contains<T, List>::type;

// For code that asks once per program, not once per node.
template <class T, class List>
inline constexpr std::size_t index_of_v = index_of_t<T, List>::value;
template <class T, class List>
inline constexpr bool contains_v = contains_t<T, List>::value;

template <std::size_t I, class List>
struct at;
template <std::size_t I, class... Ts>
struct at<I, type_list<Ts...>> {
#if EXPRNET_HAS_TYPE_PACK_ELEMENT
    using type = __type_pack_element<I, Ts...>;  // clang: constant time
#else
    // Overload resolution picks the one base with index I: no recursion.
    using type = typename decltype(select<I>(indexer<std::index_sequence_for<Ts...>, Ts...>{}))::type;
#endif
};
template <std::size_t I, class List>
using at_t = typename at<I, List>::type;

/// Appends the types of `Items` that `List` lacks, in order.
template <class List, class Items>
struct append_unique;
template <class List>
struct append_unique<List, type_list<>> {
    using type = List;
};
template <class List, class T, class... Ts>
struct append_unique<List, type_list<T, Ts...>> {
    using next = std::conditional_t<contains_t<T, List>::value, List, typename push_back<List, T>::type>;
    using type = typename append_unique<next, type_list<Ts...>>::type;
};

/// Concatenation of type lists.
template <class... Lists>
struct concat {
    using type = type_list<>;
};
template <class... As>
struct concat<type_list<As...>> {
    using type = type_list<As...>;
};
template <class... As, class... Bs, class... Rest>
struct concat<type_list<As...>, type_list<Bs...>, Rest...> {
    using type = typename concat<type_list<As..., Bs...>, Rest...>::type;
};
template <class... Lists>
using concat_t = typename concat<Lists...>::type;

/// Every type of `Sub` is in `List`.
template <class Sub, class List>
inline constexpr bool all_in_v = false;
template <class... Ts, class List>
inline constexpr bool all_in_v<type_list<Ts...>, List> = [] {
    constexpr bool in[] = {contains_v<Ts, List>..., true};
    for (bool i : in)
        if (!i) return false;
    return true;
}();

template <class T>
inline constexpr bool dependent_false_v = false;

}  // namespace exprnet::detail
