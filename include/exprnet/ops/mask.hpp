/// @file
/// Defines the ops that only backward passes build, each with every facet (ops/op_def.hpp):
/// masks that route a gradient ([h > 0], [a ≥ b], [a < b], [|a| < 1]), the local slopes of
/// leaky_relu and elu computed from their forward output, and sign (the slope of abs).
/// Shapes: elementwise. Backward: zero almost everywhere (steps; elu's slope has slope [h ≤ 0]).
/// Evaluation: Eigen functors with a SIMD path (`scalar` + `packet`, run by eval/ops.hpp):
/// `(h > 0).cast<float>()` is evaluated one scalar at a time (compare, convert the bool),
/// which made ReLU's backward the slowest elementwise step of a training call; here a
/// comparison's all-ones lanes are and-ed with 1.
#pragma once

#include <exprnet/expr/binary.hpp>
#include <exprnet/expr/leaf.hpp>
#include <exprnet/expr/make_fwd.hpp>
#include <exprnet/expr/unary.hpp>
#include <exprnet/ops/op_def.hpp>

#include <bit>
#include <cstddef>
#include <cstdint>

namespace exprnet {

struct mul_op;
struct sub_op;

namespace detail {
/// The derivative of a step function: 0 (almost everywhere), of the shape of G.
template <class G>
constexpr auto zero_like(G) {
    return zero_leaf<G::rows, G::cols>{};
}
}  // namespace detail

/// [h > 0]: 1 where positive, else 0 (also for NaN).
struct positive_mask_op {
    static constexpr print_form print = text_form("[$a > 0]");
    static constexpr print_form latex = text_form("\\mathbb{1}[$a > 0]");
    static constexpr std::string_view gate = "a mask: 0 almost everywhere";
    static constexpr gate_pattern pattern = gate_pattern::other;
    static constexpr c99_form c99 = {"$helper($a)", {"positive_mask", "h", "$0 < h ? $1 : $0"}};
    static constexpr int cost = 1;
    template <class S>
    static constexpr S scalar(S h) { return S(0) < h ? S(1) : S(0); }
    static auto packet(const auto& simd, const auto& h) { return simd.bit_and(simd.less(simd.zero(h), h), simd.set(h, 1)); }
    template <class G, class A, class H>
    static constexpr auto partial(G g, A, H) { return detail::zero_like(g); }
};

/// [a ≥ b]: where max(a, b) chose a.
struct ge_mask_op {
    static constexpr print_form print = text_form("[$a ≥ $b]");
    static constexpr print_form latex = text_form("\\mathbb{1}[$a \\ge $b]");
    static constexpr gate_pair gate = {{"a mask: 0 almost everywhere", "a mask: 0 almost everywhere"},
                                       {gate_pattern::other, gate_pattern::other}};
    static constexpr c99_form c99 = {"$helper($a, $b)", {"ge_mask", "a, b", "b <= a ? $1 : $0"}};
    static constexpr int cost = 1;
    template <class S>
    static constexpr S scalar(S a, S b) { return b <= a ? S(1) : S(0); }
    static auto packet(const auto& simd, const auto& a, const auto& b) { return simd.bit_and(simd.less_equal(b, a), simd.set(a, 1)); }
    template <std::size_t I, class G, class A, class B>
    static constexpr auto partial(G g, A, B) { return detail::zero_like(g); }
};

/// [a < b]: where max(a, b) chose b.
struct lt_mask_op {
    static constexpr print_form print = text_form("[$a < $b]");
    static constexpr print_form latex = text_form("\\mathbb{1}[$a < $b]");
    static constexpr gate_pair gate = ge_mask_op::gate;
    static constexpr c99_form c99 = {"$helper($a, $b)", {"lt_mask", "a, b", "a < b ? $1 : $0"}};
    static constexpr int cost = 1;
    template <class S>
    static constexpr S scalar(S a, S b) { return a < b ? S(1) : S(0); }
    static auto packet(const auto& simd, const auto& a, const auto& b) { return simd.bit_and(simd.less(a, b), simd.set(a, 1)); }
    template <std::size_t I, class G, class A, class B>
    static constexpr auto partial(G g, A, B) { return detail::zero_like(g); }
};

/// [|a| < 1]: where hard_tanh passes its input through.
struct inside_unit_mask_op {
    static constexpr print_form print = text_form("[|$a| < 1]");
    static constexpr print_form latex = text_form("\\mathbb{1}[\\left|$a\\right| < 1]");
    static constexpr std::string_view gate = positive_mask_op::gate;
    static constexpr gate_pattern pattern = gate_pattern::other;
    static constexpr c99_form c99 = {"$helper($a)", {"inside_unit_mask", "a", "-$1 < a && a < $1 ? $1 : $0"}};
    static constexpr int cost = 2;
    template <class S>
    static constexpr S scalar(S a) { return S(-1) < a && a < S(1) ? S(1) : S(0); }
    static auto packet(const auto& simd, const auto& a) {
        return simd.bit_and(simd.bit_and(simd.less(simd.set(a, -1), a), simd.less(a, simd.set(a, 1))), simd.set(a, 1));
    }
    template <class G, class A, class H>
    static constexpr auto partial(G g, A, H) { return detail::zero_like(g); }
};

/// sign(a): 1, 0 or -1 (the slope of abs).
struct sign_op {
    static constexpr print_form print = call("sign");
    static constexpr print_form latex = call("\\operatorname{sign}");
    static constexpr std::string_view gate = positive_mask_op::gate;
    static constexpr gate_pattern pattern = gate_pattern::other;
    static constexpr c99_form c99 = {"$helper($a)", {"sign", "a", "(a > $0) - (a < $0)"}};
    static auto apply(const auto& a) { return a.sign(); }
    template <class G, class A, class H>
    static constexpr auto partial(G g, A, H) { return detail::zero_like(g); }
};

/// leaky_relu' from the output h: 1 where h > 0, else the slope.
template <std::uint64_t SlopeBits>
struct leaky_slope_op {
    static constexpr double slope = std::bit_cast<double>(SlopeBits);
    static constexpr double default_slope = 0.01;
    static constexpr print_form print = call("leaky_slope");
    static constexpr print_form latex = text_form("\\left(\\mathbb{1}[$a > 0] + $slope \\mathbb{1}[$a \\le 0]\\right)");
    static constexpr std::string_view gate = positive_mask_op::gate;
    static constexpr gate_pattern pattern = gate_pattern::other;
    static constexpr c99_form c99 = {"$helper($a, $slope)", {"leaky_slope", "h, slope", "$0 < h ? $1 : slope"}};
    static constexpr int cost = 1;
    template <class S>
    static constexpr S scalar(S h) { return S(0) < h ? S(1) : S(slope); }
    static auto packet(const auto& simd, const auto& h) { return simd.select(simd.less(simd.zero(h), h), simd.set(h, 1), simd.set(h, slope)); }
    template <class G, class A, class H>
    static constexpr auto partial(G g, A, H) { return detail::zero_like(g); }
};

/// elu' from the output h: 1 where h > 0, else h + 1 (= exp(x)).
struct elu_slope_op {
    static constexpr print_form print = call("elu_slope");
    static constexpr print_form latex = text_form("\\left(\\mathbb{1}[$a > 0] + \\left($a + 1\\right) \\mathbb{1}[$a \\le 0]\\right)");
    static constexpr std::string_view gate = "ELU's slope: G where its input is negative, else 0";
    static constexpr gate_pattern pattern = gate_pattern::other;
    static constexpr c99_form c99 = {"$helper($a)", {"elu_slope", "h", "$0 < h ? $1 : h + $1"}};
    static constexpr int cost = 2;
    template <class S>
    static constexpr S scalar(S h) { return S(0) < h ? S(1) : h + S(1); }
    static auto packet(const auto& simd, const auto& h) {
        const auto one = simd.set(h, 1);
        return simd.select(simd.less(simd.zero(h), h), one, simd.add(h, one));
    }
    template <class G, class A, class H>
    static constexpr auto partial(G g, A, H) {  // d(elu_slope)/dh = [h ≤ 0] = 1 - [h > 0]
        return detail::make_binary<mul_op>(g, detail::make_binary<sub_op>(ratio_c<1>, unary<positive_mask_op, A>{}));
    }
};

}  // namespace exprnet
