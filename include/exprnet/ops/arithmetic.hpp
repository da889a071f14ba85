/// @file
/// Defines the elementwise arithmetic ops, each with every facet (ops/op_def.hpp): add_op,
/// sub_op, mul_op (Hadamard), div_op, max_op and min_op (elementwise maximum and minimum) and
/// neg_op. Add distributes the gradient, multiply swaps its inputs, max and min route it.
/// Shapes: operands of equal shape (broadcasts are explicit nodes). Backward: each op's partial.
/// Evaluation: each op's apply, fused into the consumer's Eigen expression.
#pragma once

#include <exprnet/expr/leaf.hpp>
#include <exprnet/expr/make_fwd.hpp>
#include <exprnet/expr/node.hpp>
#include <exprnet/ops/mask.hpp>
#include <exprnet/ops/op_def.hpp>

#include <cstddef>

namespace exprnet {

struct neg_op;
struct mul_op;
struct div_op;

struct add_op {
    static constexpr print_form print = infix(" + ", precedence_sum, true);
    static constexpr print_form latex = infix(" + ", latex_sum, true);
    static constexpr gate_pair gate = {{"add distributes: G to both inputs", "add distributes: G to both inputs"},
                                       {gate_pattern::distribute, gate_pattern::distribute}};
    static constexpr c99_form c99 = {"($a + $b)"};
    static auto apply(const auto& a, const auto& b) { return a + b; }
    template <std::size_t I, class G, class A, class B>
    static constexpr auto partial(G g, A, B) {
        return g;
    }
};

struct sub_op {
    static constexpr print_form print = infix(" - ", precedence_sum);
    static constexpr print_form latex = infix(" - ", latex_sum);
    static constexpr gate_pair gate = {{"subtract: G to the left input", "subtract: -G to the right input"},
                                       {gate_pattern::distribute, gate_pattern::other}};
    static constexpr c99_form c99 = {"($a - $b)"};
    static auto apply(const auto& a, const auto& b) { return a - b; }
    template <std::size_t I, class G, class A, class B>
    static constexpr auto partial(G g, A, B) {
        if constexpr (I == 0) return g;
        else return detail::make_unary<neg_op>(g);
    }
};

struct mul_op {
    static constexpr print_form print = infix(" ⊙ ", precedence_product);
    /// A constant times X is written as scaling, c X.
    static constexpr print_form latex = infix(" \\odot ", latex_product, false, " ");
    static constexpr gate_pair gate = {{"multiply swaps: G ⊙ the other input", "multiply swaps: G ⊙ the other input"},
                                       {gate_pattern::swap, gate_pattern::swap}};
    static constexpr c99_form c99 = {"($a * $b)"};
    static auto apply(const auto& a, const auto& b) { return a * b; }
    template <std::size_t I, class G, class A, class B>
    static constexpr auto partial(G g, A a, B b) {
        if constexpr (I == 0) return detail::make_binary<mul_op>(g, b);
        else return detail::make_binary<mul_op>(g, a);
    }
};

struct div_op {
    static constexpr print_form print = infix(" / ", precedence_product);
    static constexpr print_form latex = {notation::fraction, "", latex_power};
    static constexpr gate_pair gate = {{"divide: G / b", "divide: -G ⊙ a / b²"}, {gate_pattern::other, gate_pattern::other}};
    static constexpr c99_form c99 = {"($a / $b)"};
    static auto apply(const auto& a, const auto& b) { return a / b; }
    template <std::size_t I, class G, class A, class B>
    static constexpr auto partial(G g, A a, B b) {
        using detail::make_binary;
        if constexpr (I == 0) return make_binary<div_op>(g, b);
        else return detail::make_unary<neg_op>(make_binary<div_op>(make_binary<mul_op>(g, make_binary<div_op>(a, b)), b));
    }
};

/// Elementwise maximum, printed as a function: max(a, b). Ties go to a.
struct max_op {
    static constexpr print_form print = call("max");
    static constexpr print_form latex = call("\\max");
    static constexpr gate_pair gate = {{"max routes: G to the larger input", "max routes: G to the larger input"},
                                       {gate_pattern::route, gate_pattern::route}};
    static constexpr c99_form c99 = {"$helper($a, $b)", {"max", "a, b", "a < b ? b : a"}};
    static auto apply(const auto& a, const auto& b) { return a.max(b); }
    template <std::size_t I, class G, class A, class B>
    static constexpr auto partial(G g, A, B) {
        if constexpr (I == 0) return detail::make_binary<mul_op>(g, binary<ge_mask_op, A, B>{});
        else return detail::make_binary<mul_op>(g, binary<lt_mask_op, A, B>{});
    }
};

/// Elementwise minimum, min(a, b). Ties go to a, as in Eigen's min.
struct min_op {
    static constexpr print_form print = call("min");
    static constexpr print_form latex = call("\\min");
    static constexpr gate_pair gate = {{"min routes: G to the smaller input", "min routes: G to the smaller input"},
                                       {gate_pattern::route, gate_pattern::route}};
    static constexpr c99_form c99 = {"$helper($a, $b)", {"min", "a, b", "b < a ? b : a"}};
    static auto apply(const auto& a, const auto& b) { return a.min(b); }
    template <std::size_t I, class G, class A, class B>
    static constexpr auto partial(G g, A, B) {  // a wins where b >= a
        if constexpr (I == 0) return detail::make_binary<mul_op>(g, binary<ge_mask_op, B, A>{});
        else return detail::make_binary<mul_op>(g, binary<lt_mask_op, B, A>{});
    }
};

struct neg_op {
    static constexpr print_form print = prefix("-", precedence_unary);
    static constexpr print_form latex = prefix("-", latex_unary);
    static constexpr std::string_view gate = "negate: -G";
    static constexpr gate_pattern pattern = gate_pattern::other;
    static constexpr c99_form c99 = {"(-$a)"};
    static auto apply(const auto& a) { return -a; }
    template <class G, class A, class H>
    static constexpr auto partial(G g, A, H) {
        return detail::make_unary<neg_op>(g);
    }
};

/// Elementwise minimum; ties go to a.
template <expression A, expression B>
constexpr auto min(A a, B b) {
    return detail::make_binary<min_op>(a, b);
}

}  // namespace exprnet
