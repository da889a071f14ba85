/// @file
/// Internal: what a node is in a drawing: its kind (param, input, constant, elementwise op,
/// product, view, kernel, loss) and its op label ("relu", "*", "W1"), and its shape as text.
/// Shapes: `shape_text(rows, cols)` is "100×784", with N for the batch.
/// Backward: the masks and slopes that only backward passes build have labels too.
/// Evaluation: none; host-only (std::string).
#pragma once

#include <exprnet/eval/node_kind.hpp>
#include <exprnet/expr/binary.hpp>
#include <exprnet/expr/unary.hpp>
#include <exprnet/inspect/detail/expand.hpp>
#include <exprnet/inspect/detail/shape_text.hpp>
#include <exprnet/inspect/to_string.hpp>
#include <exprnet/ops/op_def.hpp>

#include <string>
#include <string_view>
#include <type_traits>

namespace exprnet::detail {

enum class graph_kind { param, input, constant, elementwise, product, view, kernel, loss };

/// The kind of a node in a drawing (a finer cut than node_kind_v: leaves by role, products
/// and losses apart from the other kernels).
template <class Node>
constexpr graph_kind graph_kind_of() {
    if constexpr (is_param_v<Node> || is_direction_v<Node>) return graph_kind::param;
    else if constexpr (is_input_v<Node>) return graph_kind::input;
    else if constexpr (node_kind_v<Node> == node_kind::leaf) return graph_kind::constant;
    else if constexpr (is_matmul_v<Node>) return graph_kind::product;
    else if constexpr (node_kind_v<Node> == node_kind::view) return graph_kind::view;
    else if constexpr (!std::is_void_v<typename shared_softmax<Node>::type>) return graph_kind::loss;
    else if constexpr (node_kind_v<Node> == node_kind::kernel) return graph_kind::kernel;
    else return graph_kind::elementwise;
}

/// The operation of a node as a short label: a leaf's name or value, an operator's symbol, a
/// function's name. Everything not special-cased below prints its to_string form (leaves).
template <class Node>
struct op_label {
    static std::string text() { return to_string(Node{}); }
};

inline std::string_view trimmed(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

/// An op's label, from its `print` facet: a call's name (with a slope that is not the
/// default), an operator's symbol, a pattern with · (or a and b) for the operands.
template <class Op, int Arity>
std::string op_label_text() {
    constexpr print_form form = Op::print;
    std::string s;
    if constexpr (form.kind == notation::pattern) {
        expand(s, form.text, [](std::string& o, std::string_view name, std::size_t) {
            o += Arity == 1 ? std::string_view("·") : name;
        });
    } else if constexpr (form.kind == notation::call) {
        s = form.text;
        if constexpr (shows_slope<Op>()) {
            s += ' ';
            print_number(s, Op::slope);
        }
    } else {
        s = trimmed(form.text);
    }
    return s;
}

template <class Op, class A>
struct op_label<unary<Op, A>> {
    static std::string text() { return op_label_text<Op, 1>(); }
};
template <class Op, class A, class B>
struct op_label<binary<Op, A, B>> {
    static std::string text() { return op_label_text<Op, 2>(); }
};

template <class A, class B>
struct op_label<matmul<A, B>> {
    static std::string text() { return "*"; }
};
template <class A>
struct op_label<transpose_node<A>> {
    static std::string text() { return "ᵀ"; }
};
template <class A, int R, int C>
struct op_label<broadcast<A, R, C>> {
    static std::string text() { return "broadcast"; }
};
template <class A>
struct op_label<sum_all<A>> {
    static std::string text() { return "sum"; }
};
template <class A>
struct op_label<rowwise_sum<A>> {
    static std::string text() { return "rowsum"; }
};
template <class A>
struct op_label<colwise_sum<A>> {
    static std::string text() { return "colsum"; }
};
template <class S>
struct op_label<softmax_node<S>> {
    static std::string text() { return "softmax"; }
};
template <class S>
struct op_label<log_softmax_node<S>> {
    static std::string text() { return "log_softmax"; }
};
template <class S, class Y>
struct op_label<softmax_ce<S, Y>> {
    static std::string text() { return "softmax_cross_entropy"; }
};

}  // namespace exprnet::detail
