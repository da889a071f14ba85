/// @file
/// Defines `io::arrays_match<Arena>(entries)`, `io::load_arrays(p, entries)` and
/// `io::baked_arena<Arena>(entries)`: parameters compiled into the program (a header written by
/// `io::write_cpp_header`) copied into an arena at run time, or made into a constexpr arena at
/// compile time (which a `constexpr` variable puts in flash: no RAM for inference weights).
/// For embedded builds: no exceptions, no heap, no file system, no zlib.
/// An entry is anything with `name` (const char*), `rows`, `cols` and `data` (rows * cols
/// scalars, row-major), such as the `array_entry` of a generated header.
#pragma once

#include <exprnet/detail/type_list.hpp>

#include <Eigen/Core>

#include <cstddef>
#include <iterator>
#include <string_view>
#include <type_traits>

namespace exprnet::io {

namespace detail {
template <class P, class Entries>
constexpr int entries_named(const Entries& entries) {
    int n = 0;
    for (const auto& e : entries)
        if (std::string_view(e.name) == P::name.view()) ++n;
    return n;
}
template <class P, class Entries>
constexpr bool entry_fits(const Entries& entries) {
    if (entries_named<P>(entries) != 1) return false;
    for (const auto& e : entries)
        if (std::string_view(e.name) == P::name.view()) return e.rows == P::rows && e.cols == P::cols;
    return false;
}
template <class... Ps, class Entries>
constexpr bool all_fit(exprnet::detail::type_list<Ps...>*, const Entries& entries) {
    std::size_t n = 0;
    for (const auto& e : entries) n += (void(e), 1);
    return n == sizeof...(Ps) && (entry_fits<Ps>(entries) && ...);
}
}  // namespace detail

/// True when `entries` hold exactly the params of Arena, once each, with their shapes; usable
/// in a static_assert on a generated header's `arrays`.
template <class Arena, class Entries>
constexpr bool arrays_match(const Entries& entries) {
    return detail::all_fit(static_cast<typename Arena::params*>(nullptr), entries);
}

/// Copies every entry into the param of the same name. Returns false, writing nothing, unless
/// arrays_match<Arena>(entries).
template <class Arena, class Entries>
[[nodiscard]] bool load_arrays(Arena& p, const Entries& entries) {
    if (!arrays_match<Arena>(entries)) return false;
    p.for_each([&](auto symbol, auto m) {
        using P = decltype(symbol);
        for (const auto& e : entries) {
            if (std::string_view(e.name) != P::name.view()) continue;
            static_assert(std::is_same_v<std::remove_cvref_t<decltype(*e.data)>, typename Arena::scalar>,
                          "exprnet: io::load_arrays: the arrays' scalar type must be the arena's");
            for (int r = 0; r < P::rows; ++r)
                for (int c = 0; c < P::cols; ++c) m(r, c) = e.data[std::size_t(r) * P::cols + std::size_t(c)];
        }
    });
    return true;
}

namespace detail {
// Not constexpr: reaching it makes a baked_arena call a compile error that names the problem.
inline void baked_arena_arrays_do_not_match_the_arena_see_arrays_match() {}

template <class Arena, class P, class Entries>
constexpr void bake_one(Arena& a, const Entries& entries) {
    for (const auto& e : entries) {
        if (std::string_view(e.name) != P::name.view()) continue;
        const bool row_major = Arena::template order_of<P> == Eigen::RowMajor;
        for (int r = 0; r < P::rows; ++r)
            for (int c = 0; c < P::cols; ++c)
                a.data()[Arena::template offset_of<P>() + std::size_t(row_major ? r * P::cols + c : c * P::rows + r)] =
                    e.data[std::size_t(r) * P::cols + std::size_t(c)];
    }
}
template <class Arena, class... Ps, class Entries>
constexpr void bake_all(Arena& a, exprnet::detail::type_list<Ps...>*, const Entries& entries) {
    (bake_one<Arena, Ps>(a, entries), ...);
}
}  // namespace detail

/// The arena holding `entries`, built at compile time:
/// `constexpr auto p = io::baked_arena<params_for<decltype(scores)>>(weights::arrays);`
/// Entries that do not match the arena (arrays_match) make the call a compile error.
template <class Arena, class Entries>
constexpr Arena baked_arena(const Entries& entries) {
    static_assert(std::is_same_v<std::remove_cvref_t<decltype(*std::data(entries)->data)>, typename Arena::scalar>,
                  "exprnet: io::baked_arena: the arrays' scalar type must be the arena's");
    if (!arrays_match<Arena>(entries)) detail::baked_arena_arrays_do_not_match_the_arena_see_arrays_match();
    Arena a{};
    detail::bake_all(a, static_cast<typename Arena::params*>(nullptr), entries);
    return a;
}

}  // namespace exprnet::io
