/// @file
/// Defines `exprnet::to_latex(expr)`: the LaTeX of any expression, forward or gradient:
/// `W_{2}^\top`, `\odot` for the elementwise product, juxtaposition for matrix products and
/// scaling by a constant, `\frac{a}{b}`, `\mathbb{1}[h > 0]` for masks, `\operatorname{relu}`,
/// `\sigma`, `\tanh`, `\max(a, b)`, `\operatorname{softmax}`, `\sum` (`\sum_{n}` over the batch),
/// names with their index as a subscript (W1 -> W_{1}); parentheses where precedence needs
/// them, with to_string's rules (inspect/to_string.hpp).
/// Shapes: none printed. Backward: gradients print like any expression.
/// Evaluation: none; host-only (std::string).
#pragma once

#include <exprnet/eval/node_kind.hpp>
#include <exprnet/expr/binary.hpp>
#include <exprnet/expr/broadcast.hpp>
#include <exprnet/expr/leaf.hpp>
#include <exprnet/expr/make.hpp>
#include <exprnet/expr/matmul.hpp>
#include <exprnet/expr/reduce.hpp>
#include <exprnet/expr/softmax.hpp>
#include <exprnet/expr/transpose.hpp>
#include <exprnet/expr/unary.hpp>
#include <exprnet/inspect/detail/expand.hpp>
#include <exprnet/inspect/detail/latex_text.hpp>
#include <exprnet/inspect/to_string.hpp>
#include <exprnet/ops/activation.hpp>
#include <exprnet/ops/arithmetic.hpp>
#include <exprnet/ops/mask.hpp>
#include <exprnet/ops/op_def.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace exprnet {

/// `latex_printer<Node>::print(out)` appends the node's LaTeX; `precedence()` is how tightly
/// it binds (detail/latex_text.hpp), primary if absent.
template <class Node>
struct latex_printer;

namespace detail {

template <class Node>
int latex_precedence() {
    if constexpr (requires { latex_printer<Node>::precedence(); }) return latex_printer<Node>::precedence();
    else return latex_primary;
}

template <class Node>
void latex_to(std::string& out) {
    latex_printer<Node>::print(out);
}

/// Node as an operand of an operator of precedence `parent` (see to_string's print_operand).
template <class Node>
void latex_operand(std::string& out, int parent, bool same_family) {
    const int child = latex_precedence<Node>();
    const bool parens = child < parent || (child == parent && !same_family);
    if (parens) out += "\\left(";
    latex_to<Node>(out);
    if (parens) out += "\\right)";
}

template <class Node>
void latex_call(std::string& out, std::string_view function) {
    out += function;
    out += "\\left(";
    latex_to<Node>(out);
    out += "\\right)";
}

template <class T, class Op>
inline constexpr bool is_binary_of_v = false;
template <class Op, class A, class B>
inline constexpr bool is_binary_of_v<binary<Op, A, B>, Op> = true;

}  // namespace detail

template <fixed_string Name, int R, int C>
struct latex_printer<param_leaf<Name, R, C>> {
    static void print(std::string& out) { out += detail::latex_name(Name.view()); }
};
template <fixed_string Name, int R>
struct latex_printer<input_leaf<Name, R>> {
    static void print(std::string& out) { out += detail::latex_name(Name.view()); }
};
template <class P>
struct latex_printer<direction_leaf<P>> {
    static void print(std::string& out) {
        out += "v_{";
        out += detail::latex_name(P::name.view());
        out += "}";
    }
};
template <std::uint64_t Bits>
struct latex_printer<constant_leaf<Bits>> {
    static int precedence() { return detail::latex_of_number(constant_leaf<Bits>::value).precedence; }
    static void print(std::string& out) { out += detail::latex_of_number(constant_leaf<Bits>::value).text; }
};
template <int R, int C>
struct latex_printer<zero_leaf<R, C>> {
    static void print(std::string& out) { out += '0'; }
};
template <int R, int C>
struct latex_printer<count_leaf<R, C>> {
    static int precedence() { return C == batch_dim && R != 1 ? latex_product : latex_primary; }
    static void print(std::string& out) {
        if constexpr (C != batch_dim) out += std::to_string(long(R) * C);
        else if constexpr (R == 1) out += 'N';
        else out += std::to_string(R) + " N";
    }
};
template <>
struct latex_printer<invalid_expr> {
    static void print(std::string& out) { out += "\\text{invalid}"; }
};

/// An op's node, written as its `latex` facet says (ops/op_def.hpp).
template <class Op, class A>
struct latex_printer<unary<Op, A>> {
    static constexpr print_form form = Op::latex;
    static int precedence() {
        if constexpr (form.kind == notation::prefix || form.kind == notation::postfix) return form.precedence;
        else return latex_primary;
    }
    static void print(std::string& out) {
        using namespace detail;
        if constexpr (form.kind == notation::prefix) {
            out += form.text;
            latex_operand<A>(out, form.precedence, true);
        } else if constexpr (form.kind == notation::postfix) {
            latex_operand<A>(out, latex_primary, true);
            out += form.text;
        } else {
            static_assert(form.kind == notation::call || form.kind == notation::pattern,
                          "exprnet internal: to_latex writes a unary op as a call, a prefix, a postfix or a pattern");
            write_form<Op, 1>(out, form, "\\left(", "\\right)", [](std::string& o, int) { latex_to<A>(o); }, latex_number_to);
        }
    }
};

template <class Op, class A, class B>
struct latex_printer<binary<Op, A, B>> {
    static constexpr print_form form = Op::latex;
    static int precedence() {
        if constexpr (form.kind == notation::infix) return form.precedence;
        else if constexpr (form.kind == notation::fraction) return latex_power;
        else return latex_primary;
    }
    static void print(std::string& out) {
        using namespace detail;
        if constexpr (form.kind == notation::infix && !form.scaled.empty() && is_const_v<A>) {  // scaling: c X
            latex_operand<A>(out, form.precedence, true);
            out += form.scaled;
            latex_operand<B>(out, form.precedence, true);
        } else if constexpr (form.kind == notation::infix) {
            latex_operand<A>(out, form.precedence, form.precedence == latex_sum || is_binary_of_v<A, Op>);
            out += form.text;
            latex_operand<B>(out, form.precedence, form.flat_right && is_binary_of_v<B, Op>);
        } else if constexpr (form.kind == notation::fraction) {
            out += "\\frac{";
            latex_to<A>(out);
            out += "}{";
            latex_to<B>(out);
            out += '}';
        } else {
            static_assert(form.kind == notation::call || form.kind == notation::pattern,
                          "exprnet internal: to_latex writes a binary op as infix, a fraction, a call or a pattern");
            const auto operand = [](std::string& o, int k) {
                if (k == 0) latex_to<A>(o);
                else latex_to<B>(o);
            };
            write_form<Op, 2>(out, form, "\\left(", "\\right)", operand, latex_number_to);
        }
    }
};

template <class A, class B>
struct latex_printer<matmul<A, B>> {
    static int precedence() { return latex_product; }
    static void print(std::string& out) {
        detail::latex_operand<A>(out, latex_product, is_matmul_v<A>);
        out += ' ';
        detail::latex_operand<B>(out, latex_product, false);
    }
};

template <class A>
struct latex_printer<transpose_node<A>> {
    static int precedence() { return latex_power; }
    static void print(std::string& out) {
        detail::latex_operand<A>(out, latex_primary, true);
        out += "^\\top";
    }
};

template <class A, int R, int C>
struct latex_printer<broadcast<A, R, C>> {
    static int precedence() { return detail::latex_precedence<A>(); }
    static void print(std::string& out) { detail::latex_to<A>(out); }
};

template <class A>
struct latex_printer<sum_all<A>> {
    static void print(std::string& out) { detail::latex_call<A>(out, "\\sum"); }
};
/// Sums each row over the columns: over the samples (n) when the columns are the batch.
template <class A>
struct latex_printer<rowwise_sum<A>> {
    static void print(std::string& out) { detail::latex_call<A>(out, A::cols == batch_dim ? "\\sum_{n}" : "\\sum_{j}"); }
};
template <class A>
struct latex_printer<colwise_sum<A>> {
    static void print(std::string& out) { detail::latex_call<A>(out, "\\sum_{i}"); }
};
template <class S>
struct latex_printer<softmax_node<S>> {
    static void print(std::string& out) { detail::latex_call<S>(out, "\\operatorname{softmax}"); }
};
template <class S>
struct latex_printer<log_softmax_node<S>> {
    static void print(std::string& out) { detail::latex_call<S>(out, "\\log\\operatorname{softmax}"); }
};
template <class S, class Y>
struct latex_printer<softmax_ce<S, Y>> {
    static void print(std::string& out) {
        out += "\\operatorname{CE}\\left(\\operatorname{softmax}\\left(";
        detail::latex_to<S>(out);
        out += "\\right), ";
        detail::latex_to<Y>(out);
        out += "\\right)";
    }
};

/// The LaTeX of an expression (math mode, without delimiters): put it between $$ and $$.
template <expression E>
std::string to_latex(E) {
    std::string out;
    detail::latex_to<std::remove_cvref_t<E>>(out);
    return out;
}

}  // namespace exprnet
