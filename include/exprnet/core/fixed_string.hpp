/// @file
/// Defines `exprnet::fixed_string`, the compile-time name carried by leaves (`param<"W1", ...>`).
/// Shapes: none. Backward: none.
/// Evaluation: never evaluated; names only reach printing and diagnostics.
#pragma once

#include <cstddef>
#include <string_view>

namespace exprnet {

/// A string literal usable as a template argument: `param<"W1", 100, 784>`.
template <std::size_t N>
struct fixed_string {
    char chars[N]{};

    constexpr fixed_string(const char (&text)[N]) noexcept {
        for (std::size_t i = 0; i < N; ++i) chars[i] = text[i];
    }

    [[nodiscard]] constexpr std::string_view view() const noexcept { return {chars, N - 1}; }
    [[nodiscard]] static constexpr std::size_t size() noexcept { return N - 1; }

    template <std::size_t M>
    [[nodiscard]] constexpr bool operator==(const fixed_string<M>& other) const noexcept {
        return view() == other.view();
    }
};

}  // namespace exprnet
