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

#include <charconv>
#include <string>
#include <string_view>
#include <type_traits>

namespace exprnet {

template <class Node>
struct printer;

namespace detail {

template <class Op>
inline constexpr bool is_infix_v = requires { Op::symbol; Op::precedence; };

/// Precedence of an elementwise binary op: its own if infix, else that of a call, max(a, b).
/// (Not `is_infix_v<Op> ? Op::precedence : ...`: both arms of ?: must be well-formed.)
template <class Op>
constexpr int infix_precedence() {
    if constexpr (is_infix_v<Op>) return Op::precedence;
    else return precedence_atom;
}

/// Precedence of a node as printed (atoms bind tightest).
template <class Node>
constexpr int print_precedence() {
    if constexpr (requires { printer<Node>::precedence; }) return printer<Node>::precedence;
    else return precedence_atom;
}

template <class Node>
void print_to(std::string& out) {
    printer<Node>::print(out);
}

/// Prints Child inside a parent of precedence `parent` whose operator is ParentOp.
template <class Child>
void print_operand(std::string& out, int parent, bool same_family) {
    const int child = print_precedence<Child>();
    const bool parens = child < parent || (child == parent && !same_family);
    if (parens) out += '(';
    print_to<Child>(out);
    if (parens) out += ')';
}

template <class Child>
void print_call(std::string& out, std::string_view name) {
    out += name;
    out += '(';
    print_to<Child>(out);
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
    static void print(std::string& out) { out += Name.view(); }
};
template <fixed_string Name, int R>
struct printer<input_leaf<Name, R>> {
    static void print(std::string& out) { out += Name.view(); }
};
template <std::uint64_t Bits>
struct printer<constant_leaf<Bits>> {
    static void print(std::string& out) { detail::print_number(out, constant_leaf<Bits>::value); }
};
template <int R, int C>
struct printer<zero_leaf<R, C>> {
    static void print(std::string& out) { out += '0'; }
};
template <int R, int C>
struct printer<count_leaf<R, C>> {
    static void print(std::string& out) {
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
    static void print(std::string& out) { out += "<invalid>"; }
};

template <class Op, class A>
struct printer<unary<Op, A>> {
    static constexpr int precedence = std::is_same_v<Op, neg_op> ? precedence_unary : precedence_atom;
    static void print(std::string& out) {
        if constexpr (std::is_same_v<Op, neg_op>) {
            out += '-';
            detail::print_operand<A>(out, precedence_unary, true);
        } else if constexpr (std::is_same_v<Op, positive_mask_op>) {
            out += '[';
            detail::print_to<A>(out);
            out += " > 0]";
        } else if constexpr (requires { Op::slope; }) {
            // leaky_relu and its backward slope: the slope is part of the function, printed as
            // in the call leaky_relu(a, 0.2_c) unless it is the default 0.01.
            out += Op::name;
            out += '(';
            detail::print_to<A>(out);
            if constexpr (Op::slope != 0.01) {
                out += ", ";
                detail::print_number(out, Op::slope);
            }
            out += ')';
        } else {
            detail::print_call<A>(out, Op::name);
        }
    }
};

template <class Op, class A, class B>
struct printer<binary<Op, A, B>> {
    static constexpr int precedence = detail::infix_precedence<Op>();
    static void print(std::string& out) {
        if constexpr (std::is_same_v<Op, ge_mask_op> || std::is_same_v<Op, lt_mask_op>) {
            out += '[';
            detail::print_to<A>(out);
            out += Op::symbol;
            detail::print_to<B>(out);
            out += ']';
        } else if constexpr (detail::is_infix_v<Op>) {
            // a + b - c reads fine; a ⊙ b / c and a - (b - c) need their parentheses.
            constexpr bool sum_family = Op::precedence == precedence_sum;
            detail::print_operand<A>(out, precedence, sum_family || std::is_same_v<typename detail::op_of<A>::type, Op>);
            out += Op::symbol;
            detail::print_operand<B>(out, precedence,
                                     std::is_same_v<Op, add_op> && std::is_same_v<typename detail::op_of<B>::type, add_op>);
        } else {
            out += Op::name;
            out += '(';
            detail::print_to<A>(out);
            out += ", ";
            detail::print_to<B>(out);
            out += ')';
        }
    }
};

template <class A, class B>
struct printer<matmul<A, B>> {
    static constexpr int precedence = precedence_product;
    static void print(std::string& out) {
        detail::print_operand<A>(out, precedence, is_matmul_v<A>);
        out += " * ";
        detail::print_operand<B>(out, precedence, false);
    }
};

template <class A>
struct printer<transpose_node<A>> {
    static void print(std::string& out) {
        detail::print_operand<A>(out, precedence_atom, true);
        out += "ᵀ";
    }
};

template <class A, int R, int C>
struct printer<broadcast<A, R, C>> {
    static constexpr int precedence = detail::print_precedence<A>();
    static void print(std::string& out) { detail::print_to<A>(out); }
};

template <class A>
struct printer<sum_all<A>> {
    static void print(std::string& out) { detail::print_call<A>(out, "sum"); }
};
template <class A>
struct printer<rowwise_sum<A>> {
    static void print(std::string& out) { detail::print_call<A>(out, "rowsum"); }
};
template <class A>
struct printer<colwise_sum<A>> {
    static void print(std::string& out) { detail::print_call<A>(out, "colsum"); }
};
template <class S>
struct printer<softmax_node<S>> {
    static void print(std::string& out) { detail::print_call<S>(out, "softmax"); }
};
template <class S, class Y>
struct printer<softmax_ce<S, Y>> {
    static void print(std::string& out) {
        out += "softmax_cross_entropy(";
        detail::print_to<S>(out);
        out += ", ";
        detail::print_to<Y>(out);
        out += ')';
    }
};

/// The infix form of an expression, with the names given to its symbols.
template <expression E>
std::string to_string(E) {
    std::string out;
    detail::print_to<E>(out);
    return out;
}

}  // namespace exprnet
