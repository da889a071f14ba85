/// @file
/// Internal: `expand(out, text, fill)`, the text of an op's facet with its placeholders ($a,
/// $b, $slope, $helper, $0.5, $exp: ops/op_def.hpp) filled in by the caller, and
/// `write_form`, an op's call or text form in to_string or LaTeX.
/// Shapes: none. Backward: none. Evaluation: none; host-only (std::string).
#pragma once

#include <exprnet/ops/op_def.hpp>

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

/// Whether a node of Op shows its `slope` (leaky_relu(a, 0.2)): when it has one that is not
/// the default.
template <class Op>
constexpr bool shows_slope() {
    if constexpr (requires { Op::slope; }) return Op::slope != Op::default_slope;
    else return false;
}

/// A call or a text form of an op of `Arity` operands (ops/op_def.hpp), in to_string or LaTeX:
/// `operand(out, k)` appends operand k, `number(out, v)` the slope; a call's argument list
/// is between `open` and `close`.
template <class Op, int Arity, class Operand, class Number>
void write_form(std::string& out, const print_form& form, std::string_view open, std::string_view close, Operand&& operand,
                Number&& number) {
    if (form.kind == notation::pattern) {
        expand(out, form.text, [&](std::string& o, std::string_view name, std::size_t) {
            if (name == "slope") {
                if constexpr (requires { Op::slope; }) number(o, Op::slope);
            } else {
                operand(o, name == "b" ? 1 : 0);
            }
        });
        return;
    }
    out += form.text;
    out += open;
    operand(out, 0);
    if constexpr (Arity == 2) {
        out += ", ";
        operand(out, 1);
    }
    if constexpr (shows_slope<Op>()) {
        out += ", ";
        number(out, Op::slope);
    }
    out += close;
}

}  // namespace exprnet::detail
