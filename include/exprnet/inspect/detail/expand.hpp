/// @file
/// Internal: `expand(out, text, fill)`, the text of an op's facet with its placeholders ($a,
/// $b, $slope, $helper, $0.5, $exp: ops/op_def.hpp) filled in by the caller.
/// Shapes: none. Backward: none. Evaluation: none; host-only (std::string).
#pragma once

#include <string>
#include <string_view>

namespace exprnet::detail {

inline bool is_placeholder_char(char c, bool number) {
    if (number) return (c >= '0' && c <= '9') || c == '.';
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/// Appends `text` to `out`, each placeholder replaced by what `fill(out, name, at)` appends
/// (`name` without the '$'; `at`, where it starts in text).
template <class Fill>
void expand(std::string& out, std::string_view text, Fill&& fill) {
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t dollar = text.find('$', i);
        out.append(text.substr(i, dollar - i));
        if (dollar == std::string_view::npos) break;
        std::size_t end = dollar + 1;
        const bool number = end < text.size() && text[end] >= '0' && text[end] <= '9';
        while (end < text.size() && is_placeholder_char(text[end], number)) ++end;
        fill(out, text.substr(dollar + 1, end - dollar - 1), dollar);
        i = end;
    }
}

}  // namespace exprnet::detail
