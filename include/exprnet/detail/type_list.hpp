/// @file
/// Internal: a flat type list and the few algorithms the graph analysis needs.
/// Shapes: none. Backward: none. Evaluation: compile time only.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

namespace exprnet::detail {

template <class... Ts>
struct type_list {
    static constexpr std::size_t size = sizeof...(Ts);
};

// Membership and position use the compiler's __is_same in an array, not std::is_same_v in a
// fold: no variable template is instantiated per pair of types (graphs of hundreds of nodes
// ask O(n^2) such questions), and clang's limit of 256 nested fold operands does not apply.
template <class T, class... Ts>
constexpr bool any_same() {
    constexpr bool hits[] = {__is_same(T, Ts)..., false};
    for (bool hit : hits)
        if (hit) return true;
    return false;
}

template <class T, class List>
inline constexpr bool contains_v = false;
template <class T, class... Ts>
inline constexpr bool contains_v<T, type_list<Ts...>> = any_same<T, Ts...>();

template <class List, class T>
struct push_back;
template <class... Ts, class T>
struct push_back<type_list<Ts...>, T> {
    using type = type_list<Ts..., T>;
};

/// Position of T in the list (the list holds T exactly once).
template <class T, class List>
struct index_of;
template <class T, class... Ts>
struct index_of<T, type_list<Ts...>> {
    static constexpr std::size_t value = [] {
        constexpr bool hits[] = {__is_same(T, Ts)..., false};
        std::size_t i = 0;
        while (i < sizeof...(Ts) && !hits[i]) ++i;
        return i;
    }();
};
template <class T, class List>
inline constexpr std::size_t index_of_v = index_of<T, List>::value;

template <std::size_t I, class T>
struct indexed {
    using type = T;
};
template <class Sequence, class... Ts>
struct indexer;
template <std::size_t... Is, class... Ts>
struct indexer<std::index_sequence<Is...>, Ts...> : indexed<Is, Ts>... {};
template <std::size_t I, class T>
indexed<I, T> select(const indexed<I, T>&);

template <std::size_t I, class List>
struct at;
template <std::size_t I, class... Ts>
struct at<I, type_list<Ts...>> {
    // Overload resolution picks the one base with index I: no recursion.
    using type = typename decltype(select<I>(indexer<std::index_sequence_for<Ts...>, Ts...>{}))::type;
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
    using next = std::conditional_t<contains_v<T, List>, List, typename push_back<List, T>::type>;
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
