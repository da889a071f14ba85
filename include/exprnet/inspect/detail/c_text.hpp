/// @file
/// Internals of inspect/emit_c.hpp: the text of C99 code, independent of any program type:
/// identifiers, exact literals, index arithmetic, loop nests and the small helper functions an
/// emitted file may need (each written once, only if used).
/// Shapes: row/column counts are numbers here (the batch already substituted).
/// Evaluation: host-only (std::string).
#pragma once

#include <exprnet/inspect/detail/expand.hpp>
#include <exprnet/ops/op_def.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace exprnet::detail::c_text {

/// The scalar type of the emitted code, and how its literals and math functions are spelled.
struct scalar_spelling {
    bool is_float = true;
    std::string type() const { return is_float ? "float" : "double"; }
    std::string fn(std::string_view name) const { return std::string(name) + (is_float ? "f" : ""); }

    /// A literal that reads back exactly: %.9g (float) or %.17g (double), always with a '.' or
    /// an exponent; parenthesised if negative, so that it can follow any operator.
    std::string literal(double v) const {
        if (std::isnan(v)) return "NAN";
        if (std::isinf(v)) return v > 0 ? "INFINITY" : "(-INFINITY)";
        char text[40];
        std::snprintf(text, sizeof text, is_float ? "%.9g" : "%.17g", is_float ? double(float(v)) : v);
        std::string s = text;
        if (s.find_first_of(".e") == std::string::npos) s += ".0";
        if (is_float) s += 'f';
        return s[0] == '-' ? "(" + s + ")" : s;
    }
};

/// The parts, concatenated (one call instead of a chain of operator+ at every use).
inline std::string cat(std::initializer_list<std::string_view> parts) {
    std::size_t size = 0;
    for (std::string_view p : parts) size += p.size();
    std::string s;
    s.reserve(size);
    for (std::string_view p : parts) s += p;
    return s;
}

inline bool is_identifier_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/// The C words an emitted name must not take: keywords, <math.h> names the code calls, and
/// the locals and arguments of the emitted functions.
inline const std::set<std::string, std::less<>>& reserved_words() {
    static const std::set<std::string, std::less<>> words = {
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
        "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
        "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while",
        "_Bool", "_Complex", "_Imaginary", "main", "INFINITY", "NAN",
        // <math.h> functions the ops' C99 facets call
        "exp", "expf", "log", "logf", "tanh", "tanhf", "log1p", "log1pf", "fabs", "fabsf",
        // locals and arguments of the emitted functions
        "params", "grads", "out", "lr", "alpha", "i", "j", "k", "acc", "top", "at", "lse", "yts", "total"};
    return words;
}

/// Unique C identifiers for the user's names: characters outside [A-Za-z0-9_] become '_', a
/// leading digit gets a '_', and a name already taken (or reserved, or of the emitted forms
/// `t<digits>`, `<prefix>_...` and `<PREFIX>_...`, or starting with `__`) gets '_' appended
/// until it is free.
class names {
public:
    names(std::string prefix, std::string macro) : prefix_(std::move(prefix) + "_"), macro_(std::move(macro) + "_") {}

    std::string take(std::string_view wanted) {
        std::string id(wanted);
        for (char& c : id)
            if (!is_identifier_char(c)) c = '_';
        if (id.empty() || (id[0] >= '0' && id[0] <= '9')) id.insert(0, 1, '_');
        while (!free(id)) id += '_';
        taken_.insert(id);
        return id;
    }

private:
    bool free(const std::string& id) const {
        if (taken_.count(id) || reserved_words().count(id)) return false;
        if (id.size() > 1 && id[0] == 't' && id.find_first_not_of("0123456789", 1) == std::string::npos) return false;
        return id.compare(0, prefix_.size(), prefix_) != 0 && id.compare(0, macro_.size(), macro_) != 0 && id.compare(0, 2, "__") != 0;
    }
    std::string prefix_, macro_;
    std::set<std::string> taken_;
};

/// `stride*index`, or nothing for a zero stride or a zero index.
inline std::string term(long stride, const std::string& index) {
    if (stride == 0 || index == "0") return "";
    if (stride == 1) return index;
    return std::to_string(stride) + "*" + index;
}

/// The offset of element (i, j) with the given strides, e.g. `i + 4*j`, or `0`.
inline std::string offset(const std::string& i, long rs, const std::string& j, long cs) {
    const std::string a = term(rs, i), b = term(cs, j);
    if (a.empty()) return b.empty() ? "0" : b;
    return b.empty() ? a : a + " + " + b;
}

/// A strided R×C block: element (i, j) is base[i*rs + j*cs].
struct strided {
    std::string base;
    long rs = 0;
    long cs = 0;
    std::string at(const std::string& i, const std::string& j) const { return cat({base, "[", offset(i, rs, j, cs), "]"}); }
    /// A pointer to element (i, j).
    std::string address(const std::string& i, const std::string& j) const {
        const std::string o = offset(i, rs, j, cs);
        return o == "0" ? base : base + " + " + o;
    }
};

/// The strides of an R×C block stored in `row_major` order (either fits a vector).
inline strided dense(std::string base, long rows, long cols, bool row_major) {
    return row_major ? strided{std::move(base), cols, 1} : strided{std::move(base), 1, rows};
}

/// Removes one pair of parentheses around the whole of e, if there is one.
inline std::string unparenthesised(const std::string& e) {
    if (e.size() < 2 || e.front() != '(' || e.back() != ')') return e;
    int depth = 0;
    for (std::size_t p = 0; p < e.size(); ++p) {
        depth += e[p] == '(' ? 1 : e[p] == ')' ? -1 : 0;
        if (depth == 0 && p + 1 < e.size()) return e;
    }
    return e.substr(1, e.size() - 2);
}

/// e as the operand of a product: parenthesised unless it has no operator outside brackets.
inline std::string operand(const std::string& e) {
    int depth = 0;
    for (char ch : e) {
        depth += (ch == '(' || ch == '[') ? 1 : (ch == ')' || ch == ']') ? -1 : 0;
        if (depth == 0 && (ch == ' ' || ch == '-')) return "(" + e + ")";
    }
    return e;
}

/// A loop over one index, or nothing when the extent is 1 (the index is then the literal 0).
struct loop {
    std::string index;
    long extent;
    std::string var() const { return extent == 1 ? "0" : index; }
};

/// Writes a nest of loops (outer first) around `body` at indentation `indent`.
/// Without any loop, a body of several lines (which declares locals) gets its own block.
inline void nest(std::string& out, const std::vector<loop>& loops, const std::vector<std::string>& body, int indent) {
    int depth = indent;
    bool looped = false;
    for (const loop& l : loops) looped = looped || l.extent != 1;
    if (!looped && body.size() > 1) {
        out.append(std::size_t(depth), ' ');
        out += "{\n";
        depth += 4;
    }
    for (const loop& l : loops) {
        if (l.extent == 1) continue;
        out.append(std::size_t(depth), ' ');
        out += "for (int " + l.index + " = 0; " + l.index + " < " + std::to_string(l.extent) + "; ++" + l.index + ") {\n";
        depth += 4;
    }
    for (const std::string& line : body) {
        out.append(std::size_t(depth), ' ');
        out += line + "\n";
    }
    for (; depth > indent; depth -= 4) {
        out.append(std::size_t(depth - 4), ' ');
        out += "}\n";
    }
}

/// Whether the placeholder at [at, end) of text is a whole argument of a call: "f($a, $b)".
inline bool whole_argument(std::string_view text, std::size_t at, std::size_t end) {
    const bool opens = at > 0 && (text[at - 1] == '(' || (at > 1 && text[at - 1] == ' ' && text[at - 2] == ','));
    return opens && end < text.size() && (text[end] == ',' || text[end] == ')');
}

/// The placeholders every C99 facet may use (ops/op_def.hpp): a number is a literal, T the
/// scalar type, any other word a <math.h> function (expf or exp).
inline void fill_common(std::string& out, std::string_view name, const scalar_spelling& s) {
    if (name.empty()) return;
    if (name[0] >= '0' && name[0] <= '9') {
        double value = 0;
        std::from_chars(name.data(), name.data() + name.size(), value);
        out += s.literal(value);
    }
    else if (name == "T") out += s.type();
    else out += s.fn(name);
}

/// The helper functions an emitted file may call: those of the ops it uses (each op's
/// c99_helper, by name) and the dot product of small fused products. `use` records one and
/// returns its name; `definitions` writes those used, the ops' by name, then the dot product.
class helpers {
public:
    std::string use(const c99_helper& h, const std::string& prefix) {
        ops_.emplace(std::string(h.name), h);
        return prefix + "_" + std::string(h.name);
    }
    std::string use_dot(const std::string& prefix) {
        dot_ = true;
        return prefix + "_dot";
    }

    std::string definitions(const std::string& prefix, const scalar_spelling& s) const {
        const std::string T = s.type();
        std::string out;
        for (const auto& [name, h] : ops_) {
            out += "static " + T + " " + prefix + "_" + name + "(";
            std::string_view params = h.params;
            for (std::size_t comma; !params.empty(); params.remove_prefix(comma == std::string_view::npos ? params.size() : comma + 2)) {
                comma = params.find(", ");
                out += T + " " + std::string(params.substr(0, comma)) + (comma == std::string_view::npos ? "" : ", ");
            }
            out += ") { return ";
            expand(out, h.body, [&](std::string& o, std::string_view word, std::size_t) { fill_common(o, word, s); });
            out += "; }\n";
        }
        if (dot_) {
            const std::string zero = s.literal(0);
            out += "static " + T + " " + prefix + "_dot(const " + T + " *a, int as, const " + T + " *b, int bs, int n) {\n    " + T +
                   " acc = " + zero + ";\n    for (int k = 0; k < n; ++k) acc += a[k * as] * b[k * bs];\n    return acc;\n}\n";
        }
        return out;
    }

private:
    std::map<std::string, c99_helper> ops_;
    bool dot_ = false;
};

/// A comment's text with any `*/` broken up (`* /`).
/// Built by appending rather than by `std::string::insert`: g++ 12 at -O3 inlines `insert` and
/// reports a -Wrestrict false positive ("__builtin_memcpy accessing 9223372036854775810 or more
/// bytes"; GCC bugs 105329 and 105651), which -Werror turns into a failed build.
inline std::string comment_safe(const std::string& s) {
    std::string out;
    out.reserve(s.size() + s.size() / 2);
    for (std::size_t i = 0; i < s.size(); ++i) {
        out += s[i];
        if (s[i] == '*' && i + 1 < s.size() && s[i + 1] == '/') out += ' ';
    }
    return out;
}

}  // namespace exprnet::detail::c_text
