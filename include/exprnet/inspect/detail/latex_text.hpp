/// @file
/// Internal: the LaTeX of the atoms of an expression: a symbol's name with its index as a
/// subscript (W1 -> W_{1}, W_out -> W_{\mathrm{out}}, hidden2 -> \mathrm{hidden}_{2}) and a
/// number (1e-04 -> 10^{-4}, 2e-04 -> 2 \cdot 10^{-4}), with the precedence each prints at.
/// Shapes: none. Backward: none. Evaluation: none; host-only (std::string).
#pragma once

#include <exprnet/ops/op_def.hpp>

#include <charconv>
#include <string>
#include <string_view>

namespace exprnet::detail {

// The LaTeX precedences (latex_sum ... latex_primary) are in ops/op_def.hpp: op definitions use them.

/// Text escaped for \mathrm{...} (and math mode): LaTeX's special characters.
inline std::string latex_escaped(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '_': case '#': case '$': case '%': case '&': case '{': case '}': out += '\\'; out += c; break;
        case '\\': out += "\\backslash "; break;
        case '^': out += "\\wedge "; break;
        case '~': out += "\\sim "; break;
        default: out += c;
        }
    }
    return out;
}

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// A symbol's name: a one-letter base is italic, a longer one upright; what follows the first
/// '_', or else the trailing digits, is the subscript.
inline std::string latex_name(std::string_view name) {
    std::string_view base = name, index;
    if (const auto u = name.find('_'); u != std::string_view::npos && u > 0) {
        base = name.substr(0, u);
        index = name.substr(u + 1);
    } else {
        std::size_t end = name.size();
        while (end > 1 && is_digit(name[end - 1])) --end;
        base = name.substr(0, end);
        index = name.substr(end);
    }
    const bool letter = base.size() == 1 && ((base[0] >= 'a' && base[0] <= 'z') || (base[0] >= 'A' && base[0] <= 'Z'));
    std::string out = letter ? std::string(base) : "\\mathrm{" + latex_escaped(base) + "}";
    if (!index.empty()) {
        bool digits = true;
        for (char c : index) digits = digits && is_digit(c);
        out += "_{" + (digits ? std::string(index) : "\\mathrm{" + latex_escaped(index) + "}") + "}";
    }
    return out;
}

struct latex_number {
    std::string text;
    int precedence;
};

/// A number in its shortest round-trip form, exponents as powers of ten.
inline latex_number latex_of_number(double value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    const std::string_view s(buffer, std::size_t(result.ptr - buffer));
    const bool negative = !s.empty() && s[0] == '-';
    const auto e = s.find('e');
    if (e == std::string_view::npos) return {std::string(s), negative ? latex_unary : latex_primary};
    std::string_view mantissa = s.substr(negative ? 1 : 0, e - (negative ? 1 : 0));
    std::string_view exponent = s.substr(e + 1);
    std::string sign;
    if (!exponent.empty() && (exponent[0] == '-' || exponent[0] == '+')) {
        if (exponent[0] == '-') sign = "-";
        exponent.remove_prefix(1);
    }
    while (exponent.size() > 1 && exponent[0] == '0') exponent.remove_prefix(1);
    const std::string power = "10^{" + sign + std::string(exponent) + "}";
    std::string out = negative ? "-" : "";
    if (mantissa == "1") return {out + power, negative ? latex_unary : latex_power};
    return {out + std::string(mantissa) + " \\cdot " + power, negative ? latex_unary : latex_product};
}

inline void latex_number_to(std::string& out, double value) { out += latex_of_number(value).text; }

}  // namespace exprnet::detail
