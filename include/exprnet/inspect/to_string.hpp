/// @file
/// Defines `exprnet::to_string(expr)`: the infix form of any expression, forward or gradient,
/// with the user's names: `W2 * relu(W1 * x + b1) + b2`. Matrix product is `*`, the elementwise
/// product `⊙`, transpose `ᵀ`, masks `[h > 0]`; broadcasts are implicit, as in the math.
/// Shapes: none printed. Backward: gradients print like any expression.
/// Evaluation: none; host-only (uses std::string).
#pragma once

#include <exprnet/eval/node_kind.hpp>
#include <exprnet/expr/binary.hpp>
#include <exprnet/expr/leaf.hpp>
#include <exprnet/expr/node.hpp>
#include <exprnet/expr/unary.hpp>
#include <exprnet/ops/activation.hpp>
#include <exprnet/ops/arithmetic.hpp>
#include <exprnet/ops/mask.hpp>
#include <exprnet/ops/op_def.hpp>
#include <exprnet/inspect/detail/expand.hpp>

#include <charconv>
#include <string>
#include <string_view>
#include <type_traits>

namespace exprnet {

template <class Node>
struct printer;

namespace detail {

/// The names printing uses beyond the leaves' own: a context's `name_of<Node>()` returns the
/// name a node is printed as instead of its expression, or null. to_string names nothing; a
/// program listing (inspect/print.hpp) names the values its steps read from memory.
struct no_names {
    template <class Node>
    static constexpr const std::string* name_of() noexcept {
        return nullptr;
    }
};

/// Precedence of a node as printed (atoms bind tightest).
template <class Node>
constexpr int print_precedence() {
    if constexpr (requires { printer<Node>::precedence; }) return printer<Node>::precedence;
    else return precedence_atom;
}

template <class Node, class Ctx>
void print_to(std::string& out, const Ctx& ctx) {
    if (const std::string* name = ctx.template name_of<Node>()) out += *name;
    else printer<Node>::print(out, ctx);
}

/// Prints Child inside a parent of precedence `parent` whose operator is ParentOp.
template <class Child, class Ctx>
void print_operand(std::string& out, const Ctx& ctx, int parent, bool same_family) {
    if (const std::string* name = ctx.template name_of<Child>()) {  // a name is an atom
        out += *name;
        return;
    }
    const int child = print_precedence<Child>();
    const bool parens = child < parent || (child == parent && !same_family);
    if (parens) out += '(';
    print_to<Child>(out, ctx);
    if (parens) out += ')';
}

template <class Child, class Ctx>
void print_call(std::string& out, const Ctx& ctx, std::string_view name) {
    out += name;
    out += '(';
    print_to<Child>(out, ctx);
    out += ')';
}

inline void print_number(std::string& out, double value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

template <class T>
struct op_of {
    using type = void;
};
template <class Op, class A, class B>
struct op_of<binary<Op, A, B>> {
    using type = Op;
};

}  // namespace detail

template <fixed_string Name, int R, int C>
struct printer<param_leaf<Name, R, C>> {
    template <class Ctx>
    static void print(std::string& out, const Ctx&) { out += Name.view(); }
};
template <fixed_string Name, int R>
struct printer<input_leaf<Name, R>> {
    template <class Ctx>
    static void print(std::string& out, const Ctx&) { out += Name.view(); }
};
/// A direction of a jvp or hvp: v_W1.
template <class P>
struct printer<direction_leaf<P>> {
    template <class Ctx>
    static void print(std::string& out, const Ctx&) {
        out += "v_";
        out += P::name.view();
    }
};
template <std::uint64_t Bits>
struct printer<constant_leaf<Bits>> {
    template <class Ctx>
    static void print(std::string& out, const Ctx&) { detail::print_number(out, constant_leaf<Bits>::value); }
};
template <int R, int C>
struct printer<zero_leaf<R, C>> {
    template <class Ctx>
    static void print(std::string& out, const Ctx&) { out += '0'; }
};
template <int R, int C>
struct printer<count_leaf<R, C>> {
    template <class Ctx>
    static void print(std::string& out, const Ctx&) {
        if constexpr (C != batch_dim) detail::print_number(out, double(R) * C);
        else if constexpr (R == 1) out += 'N';
        else {
            detail::print_number(out, R);
            out += 'N';
        }
    }
};
template <>
struct printer<invalid_expr> {
    template <class Ctx>
    static void print(std::string& out, const Ctx&) { out += "<invalid>"; }
};

/// An op's node, written as its `print` facet says (ops/op_def.hpp).
template <class Op, class A>
struct printer<unary<Op, A>> {
    static constexpr print_form form = Op::print;
    static constexpr int precedence = form.kind == notation::prefix ? form.precedence : precedence_atom;
    template <class Ctx>
    static void print(std::string& out, const Ctx& ctx) {
        if constexpr (form.kind == notation::prefix) {
            out += form.text;
            detail::print_operand<A>(out, ctx, precedence, true);
        } else {
            static_assert(form.kind == notation::call || form.kind == notation::pattern,
                          "exprnet internal: to_string writes a unary op as a call, a prefix or a pattern");
            detail::write_form<Op, 1>(out, form, "(", ")", [&](std::string& o, int) { detail::print_to<A>(o, ctx); },
                                      detail::print_number);
        }
    }
};

template <class Op, class A, class B>
struct printer<binary<Op, A, B>> {
    static constexpr print_form form = Op::print;
    static constexpr int precedence = form.kind == notation::infix ? form.precedence : precedence_atom;
    template <class Ctx>
    static void print(std::string& out, const Ctx& ctx) {
        if constexpr (form.kind == notation::infix) {
            // a + b - c reads fine; a ⊙ b / c and a - (b - c) need their parentheses.
            constexpr bool sum_family = precedence == precedence_sum;
            detail::print_operand<A>(out, ctx, precedence, sum_family || std::is_same_v<typename detail::op_of<A>::type, Op>);
            out += form.text;
            detail::print_operand<B>(out, ctx, precedence, form.flat_right && std::is_same_v<typename detail::op_of<B>::type, Op>);
        } else {
            static_assert(form.kind == notation::call || form.kind == notation::pattern,
                          "exprnet internal: to_string writes a binary op as infix, a call or a pattern");
            const auto operand = [&](std::string& o, int k) {
                if (k == 0) detail::print_to<A>(o, ctx);
                else detail::print_to<B>(o, ctx);
            };
            detail::write_form<Op, 2>(out, form, "(", ")", operand, detail::print_number);
        }
    }
};

template <class A, class B>
struct printer<matmul<A, B>> {
    static constexpr int precedence = precedence_product;
    template <class Ctx>
    static void print(std::string& out, const Ctx& ctx) {
        detail::print_operand<A>(out, ctx, precedence, is_matmul_v<A>);
        out += " * ";
        detail::print_operand<B>(out, ctx, precedence, false);
    }
};

template <class A>
struct printer<transpose_node<A>> {
    template <class Ctx>
    static void print(std::string& out, const Ctx& ctx) {
        detail::print_operand<A>(out, ctx, precedence_atom, true);
        out += "ᵀ";
    }
};

template <class A, int R, int C>
struct printer<broadcast<A, R, C>> {
    static constexpr int precedence = detail::print_precedence<A>();
    template <class Ctx>
    static void print(std::string& out, const Ctx& ctx) { detail::print_to<A>(out, ctx); }
};

template <class A>
struct printer<sum_all<A>> {
    template <class Ctx>
    static void print(std::string& out, const Ctx& ctx) { detail::print_call<A>(out, ctx, "sum"); }
};
template <class A>
struct printer<rowwise_sum<A>> {
    template <class Ctx>
    static void print(std::string& out, const Ctx& ctx) { detail::print_call<A>(out, ctx, "rowsum"); }
};
template <class A>
struct printer<colwise_sum<A>> {
    template <class Ctx>
    static void print(std::string& out, const Ctx& ctx) { detail::print_call<A>(out, ctx, "colsum"); }
};
template <class S>
struct printer<softmax_node<S>> {
    template <class Ctx>
    static void print(std::string& out, const Ctx& ctx) { detail::print_call<S>(out, ctx, "softmax"); }
};
template <class S>
struct printer<log_softmax_node<S>> {
    template <class Ctx>
    static void print(std::string& out, const Ctx& ctx) { detail::print_call<S>(out, ctx, "log_softmax"); }
};
template <class S, class Y>
struct printer<softmax_ce<S, Y>> {
    template <class Ctx>
    static void print(std::string& out, const Ctx& ctx) {
        out += "softmax_cross_entropy(";
        detail::print_to<S>(out, ctx);
        out += ", ";
        detail::print_to<Y>(out, ctx);
        out += ')';
    }
};

/// The infix form of an expression, with the names given to its symbols.
template <expression E>
std::string to_string(E) {
    std::string out;
    detail::print_to<E>(out, detail::no_names{});
    return out;
}

}  // namespace exprnet
