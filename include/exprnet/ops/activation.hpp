/// @file
/// Defines the activations, each an op with every facet (ops/op_def.hpp) and the function that
/// applies it: relu, leaky_relu (slope in the type), prelu (a learned slope), elu, sigmoid,
/// tanh, hard_tanh, softplus, silu, gelu (the tanh form), abs, exp, log and square.
/// Shapes: elementwise, shape preserved (prelu's slope broadcasts: one per unit or one shared).
/// Backward: each op's partial (sigmoid, tanh, exp reuse their forward output; relu-likes
/// route by the output's sign). Evaluation: each op's apply, fused into the consumer's Eigen
/// expression.
#pragma once

#include <exprnet/expr/make.hpp>
#include <exprnet/ops/arithmetic.hpp>
#include <exprnet/ops/mask.hpp>
#include <exprnet/ops/op_def.hpp>

#include <bit>
#include <cstdint>
#include <limits>

namespace exprnet {

struct relu_op {
    static constexpr print_form print = call("relu");
    static constexpr print_form latex = call("\\operatorname{relu}");
    static constexpr std::string_view gate = "max(0, ·) routes: G where the output is positive, else 0";
    static constexpr gate_pattern pattern = gate_pattern::route;
    static constexpr c99_form c99 = {"$helper($a, $0)", max_op::c99.helper};  // Eigen's a.max(0)
    static auto apply(const auto& a) { return a.max(scalar_of_t<decltype(a)>(0)); }
    template <class G, class A, class H>
    static constexpr auto partial(G g, A, H) {
        return detail::make_binary<mul_op>(g, unary<positive_mask_op, H>{});
    }
};

/// Leaky ReLU: x for x > 0, slope · x otherwise.
template <std::uint64_t SlopeBits>
struct leaky_relu_op {
    static constexpr double slope = std::bit_cast<double>(SlopeBits);
    static constexpr double default_slope = 0.01;
    static constexpr print_form print = call("leaky_relu");
    static constexpr print_form latex = call("\\operatorname{leaky\\_relu}");
    static constexpr std::string_view gate = "leaky ReLU: G, times the slope where the output is negative";
    static constexpr gate_pattern pattern = gate_pattern::route;
    static constexpr c99_form c99 = {"$helper($a, $slope)", {"leaky_relu", "a, slope", "a < slope * a ? slope * a : a"}};
    // max(x, slope·x) is leaky ReLU for 0 <= slope < 1, with no branch.
    static auto apply(const auto& a) { return a.max(scalar_of_t<decltype(a)>(slope) * a); }
    template <class G, class A, class H>
    static constexpr auto partial(G g, A, H) {
        return detail::make_binary<mul_op>(g, unary<leaky_slope_op<SlopeBits>, H>{});
    }
};

/// Parametric ReLU (He et al.; CS231n): x for x > 0, a · x otherwise, with the slope a a param
/// that is learned: one per unit (R×1) or one shared (1×1), broadcast over the batch.
struct prelu_op {
    static constexpr print_form print = call("prelu");
    static constexpr print_form latex = call("\\operatorname{prelu}");
    static constexpr gate_pair gate = {{"PReLU: G, times the slope a where the input is negative",
                                        "PReLU: G ⊙ min(its input, 0), summed where a is shared"},
                                       {gate_pattern::route, gate_pattern::other}};
    static constexpr c99_form c99 = {"$helper($a, $b)", {"prelu", "a, slope", "a > $0 ? a : slope * a"}};
    static auto apply(const auto& a, const auto& b) {
        using S = scalar_of_t<decltype(a)>;
        return a.max(S(0)) + b * a.min(S(0));
    }
    template <std::size_t I, class G, class A, class B>
    static constexpr auto partial(G g, A a, B b) {
        using detail::make_binary;
        if constexpr (I == 0) {  // [x > 0] + a ⊙ (1 - [x > 0])
            constexpr auto positive = unary<positive_mask_op, A>{};
            return make_binary<mul_op>(g, make_binary<add_op>(positive, make_binary<mul_op>(b, make_binary<sub_op>(ratio_c<1>, positive))));
        } else {
            return make_binary<mul_op>(g, make_binary<min_op>(a, ratio_c<0>));
        }
    }
};

/// ELU with alpha = 1: x for x > 0, exp(x) - 1 otherwise.
struct elu_op {
    static constexpr print_form print = call("elu");
    static constexpr print_form latex = call("\\operatorname{elu}");
    static constexpr std::string_view gate = "ELU: G, times its output + 1 where that is negative";
    static constexpr gate_pattern pattern = gate_pattern::route;
    static constexpr c99_form c99 = {"$helper($a)", {"elu", "a", "a > $0 ? a : $exp(a) - $1"}};
    static auto apply(const auto& a) {
        using S = scalar_of_t<decltype(a)>;
        return (a > S(0)).select(a, a.exp() - S(1));
    }
    template <class G, class A, class H>
    static constexpr auto partial(G g, A, H) {
        return detail::make_binary<mul_op>(g, unary<elu_slope_op, H>{});
    }
};

struct sigmoid_op {
    static constexpr print_form print = call("sigmoid");
    static constexpr print_form latex = call("\\sigma");
    static constexpr std::string_view gate = "sigmoid: G ⊙ y ⊙ (1 - y), from its output y";
    static constexpr gate_pattern pattern = gate_pattern::reuse;
    static constexpr c99_form c99 = {"$helper($a)", {"sigmoid", "a", "$1 / ($1 + $exp(-a))"}};
    static auto apply(const auto& a) { return a.logistic(); }
    template <class G, class A, class H>
    static constexpr auto partial(G g, A, H h) {
        using detail::make_binary;
        return make_binary<mul_op>(g, make_binary<mul_op>(h, make_binary<sub_op>(ratio_c<1>, h)));
    }
};

struct square_op;

struct tanh_op {
    static constexpr print_form print = call("tanh");
    static constexpr print_form latex = call("\\tanh");
    static constexpr std::string_view gate = "tanh: G ⊙ (1 - y²), from its output y";
    static constexpr gate_pattern pattern = gate_pattern::reuse;
    static constexpr c99_form c99 = {"$tanh($a)"};
    static auto apply(const auto& a) { return a.tanh(); }
    template <class G, class A, class H>
    static constexpr auto partial(G g, A, H h) {
        using detail::make_binary;
        return make_binary<mul_op>(g, make_binary<sub_op>(ratio_c<1>, detail::make_unary<square_op>(h)));
    }
};

/// hard_tanh(x) = min(max(x, -1), 1).
struct hard_tanh_op {
    static constexpr print_form print = call("hard_tanh");
    static constexpr print_form latex = call("\\operatorname{hard\\_tanh}");
    static constexpr std::string_view gate = "hard tanh routes: G where |its input| < 1, else 0";
    static constexpr gate_pattern pattern = gate_pattern::route;
    static constexpr c99_form c99 = {"$helper($a)", {"hard_tanh", "a", "a < -$1 ? -$1 : a > $1 ? $1 : a"}};
    static auto apply(const auto& a) {
        using S = scalar_of_t<decltype(a)>;
        return a.max(S(-1)).min(S(1));
    }
    template <class G, class A, class H>
    static constexpr auto partial(G g, A, H) {
        return detail::make_binary<mul_op>(g, unary<inside_unit_mask_op, A>{});
    }
};

/// softplus(x) = log(1 + exp(x)), computed as max(x, 0) + log1p(exp(-|x|)) (no overflow).
struct softplus_op {
    static constexpr print_form print = call("softplus");
    static constexpr print_form latex = call("\\operatorname{softplus}");
    static constexpr std::string_view gate = "softplus: G ⊙ sigmoid(its input)";
    static constexpr gate_pattern pattern = gate_pattern::other;
    static constexpr c99_form c99 = {"$helper($a)", {"softplus", "a", "(a > $0 ? a : $0) + $log1p($exp(-$fabs(a)))"}};
    static auto apply(const auto& a) {
        using S = scalar_of_t<decltype(a)>;
        return a.max(S(0)) + (-a.abs()).exp().log1p();
    }
    template <class G, class A, class H>
    static constexpr auto partial(G g, A a, H) {
        return detail::make_binary<mul_op>(g, detail::make_unary<sigmoid_op>(a));
    }
};

/// SiLU (swish): x · sigmoid(x).
struct silu_op {
    static constexpr print_form print = call("silu");
    static constexpr print_form latex = call("\\operatorname{silu}");
    static constexpr std::string_view gate = "SiLU: G ⊙ σ(x) ⊙ (1 + x ⊙ (1 - σ(x))), from its input x";
    static constexpr gate_pattern pattern = gate_pattern::other;
    static constexpr c99_form c99 = {"$helper($a)", {"silu", "a", "a / ($1 + $exp(-a))"}};
    static auto apply(const auto& a) {
        // At -inf the limit, 0, not -inf · σ(-inf) (NaN, or -inf where σ does not underflow to 0).
        using S = scalar_of_t<decltype(a)>;
        return (a == -std::numeric_limits<S>::infinity()).select(S(0), a * a.logistic());
    }
    template <class G, class A, class H>
    static constexpr auto partial(G g, A a, H) {
        using detail::make_binary;
        constexpr auto s = detail::make_unary<sigmoid_op>(a);
        return make_binary<mul_op>(g, make_binary<mul_op>(s, make_binary<add_op>(ratio_c<1>, make_binary<mul_op>(a, make_binary<sub_op>(ratio_c<1>, s)))));
    }
};

/// GELU, the tanh form: 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³))).
struct gelu_op {
    static constexpr double sqrt_2_over_pi = 0.7978845608028654;
    static constexpr double cubic = 0.044715;
    static constexpr print_form print = call("gelu");
    static constexpr print_form latex = call("\\operatorname{gelu}");
    static constexpr std::string_view gate = "GELU: G ⊙ 0.5 (1 + t + x (1 - t²) √(2/π) (1 + 3 · 0.044715 x²)), from its input x";
    static constexpr gate_pattern pattern = gate_pattern::other;
    static constexpr c99_form c99 = {"$helper($a)",
                                     {"gelu", "a", "$0.5 * a * ($1 + $tanh($0.7978845608028654 * (a + $0.044715 * a * a * a)))"}};
    static auto apply(const auto& a) {
        using S = scalar_of_t<decltype(a)>;
        // At -inf the limit, 0, not -inf · 0.
        return (a == -std::numeric_limits<S>::infinity())
            .select(S(0), S(0.5) * a * (S(1) + (S(sqrt_2_over_pi) * (a + S(cubic) * a.cube())).tanh()));
    }
    template <class G, class A, class H>
    static constexpr auto partial(G g, A a, H) {
        using detail::make_binary;
        using detail::make_unary;
        constexpr auto c = constant_leaf<std::bit_cast<std::uint64_t>(sqrt_2_over_pi)>{};
        constexpr auto k = constant_leaf<std::bit_cast<std::uint64_t>(cubic)>{};
        constexpr auto k3 = constant_leaf<std::bit_cast<std::uint64_t>(3 * cubic)>{};
        constexpr auto x2 = make_unary<square_op>(a);
        constexpr auto t = make_unary<tanh_op>(make_binary<mul_op>(c, make_binary<add_op>(a, make_binary<mul_op>(k, make_binary<mul_op>(a, x2)))));
        // 0.5 (1 + t) + 0.5 x (1 - t²) c (1 + 3k x²)
        constexpr auto inner = make_binary<mul_op>(make_binary<mul_op>(a, make_binary<sub_op>(ratio_c<1>, make_unary<square_op>(t))),
                                                   make_binary<mul_op>(c, make_binary<add_op>(ratio_c<1>, make_binary<mul_op>(k3, x2))));
        return make_binary<mul_op>(g, make_binary<mul_op>(ratio_c<1, 2>, make_binary<add_op>(make_binary<add_op>(ratio_c<1>, t), inner)));
    }
};

/// |x|; its slope is sign(x) (0 at 0).
struct abs_op {
    static constexpr print_form print = call("abs");
    static constexpr print_form latex = text_form("\\left|$a\\right|");
    static constexpr std::string_view gate = "abs: G ⊙ sign(its input)";
    static constexpr gate_pattern pattern = gate_pattern::route;
    static constexpr c99_form c99 = {"$fabs($a)"};
    static auto apply(const auto& a) { return a.abs(); }
    template <class G, class A, class H>
    static constexpr auto partial(G g, A a, H) {
        return detail::make_binary<mul_op>(g, detail::make_unary<sign_op>(a));
    }
};

struct exp_op {
    static constexpr print_form print = call("exp");
    static constexpr print_form latex = call("\\exp");
    static constexpr std::string_view gate = "exp: G ⊙ its output";
    static constexpr gate_pattern pattern = gate_pattern::reuse;
    static constexpr c99_form c99 = {"$exp($a)"};
    static auto apply(const auto& a) { return a.exp(); }
    template <class G, class A, class H>
    static constexpr auto partial(G g, A, H h) {
        return detail::make_binary<mul_op>(g, h);
    }
};

struct log_op {
    static constexpr print_form print = call("log");
    static constexpr print_form latex = call("\\log");
    static constexpr std::string_view gate = "log: G / its input";
    static constexpr gate_pattern pattern = gate_pattern::other;
    static constexpr c99_form c99 = {"$log($a)"};
    static auto apply(const auto& a) { return a.log(); }
    template <class G, class A, class H>
    static constexpr auto partial(G g, A a, H) {
        return detail::make_binary<div_op>(g, a);
    }
};

/// log σ(x) = min(x, 0) - log(1 + e^{-|x|}), the log-likelihood of a binary label: exact for
/// every finite x, where log(sigmoid(x)) is -inf (or -88.7, Eigen's smallest exp) below x ≈ -88
/// in float.
struct log_sigmoid_op {
    static constexpr print_form print = call("log_sigmoid");
    static constexpr print_form latex = call("\\log\\sigma");
    static constexpr std::string_view gate = "log σ: G ⊙ σ(-x), from its input x";
    static constexpr gate_pattern pattern = gate_pattern::other;
    static constexpr c99_form c99 = {"$helper($a)", {"log_sigmoid", "a", "(a < $0 ? a : $0) - $log1p($exp(-$fabs(a)))"}};
    static auto apply(const auto& a) {
        using S = scalar_of_t<decltype(a)>;
        return a.min(S(0)) - (-a.abs()).exp().log1p();
    }
    template <class G, class A, class H>
    static constexpr auto partial(G g, A a, H) {
        return detail::make_binary<mul_op>(g, detail::make_unary<sigmoid_op>(detail::make_unary<neg_op>(a)));
    }
};

struct square_op {
    static constexpr print_form print = call("square");
    static constexpr print_form latex = postfix("^{2}", latex_power);
    static constexpr std::string_view gate = "square: 2 ⊙ G ⊙ its input";
    static constexpr gate_pattern pattern = gate_pattern::other;
    static constexpr c99_form c99 = {"$helper($a)", {"square", "a", "a * a"}};
    static auto apply(const auto& a) { return a.square(); }
    template <class G, class A, class H>
    static constexpr auto partial(G g, A a, H) {
        using detail::make_binary;
        return make_binary<mul_op>(g, make_binary<mul_op>(ratio_c<2>, a));
    }
};

// ---- the functions ------------------------------------------------------------------------

template <expression A>
constexpr auto relu(A a) {
    return elementwise<relu_op>(a);
}
/// Leaky ReLU: x for x > 0, slope * x otherwise; the slope is a compile-time constant.
template <expression A, std::uint64_t SlopeBits>
constexpr auto leaky_relu(A a, constant_leaf<SlopeBits>) {
    static_assert(constant_leaf<SlopeBits>::value >= 0.0 && constant_leaf<SlopeBits>::value < 1.0,
                  "exprnet: leaky_relu(x, slope) needs 0 <= slope < 1.");
    return elementwise<leaky_relu_op<SlopeBits>>(a);
}
template <expression A>
constexpr auto leaky_relu(A a) {
    return leaky_relu(a, ratio_c<1, 100>);
}
/// Parametric ReLU with a learned slope: prelu(W * x + b, a) with a = param<"a", units> (one
/// slope per unit) or param<"a", 1> (one shared).
template <expression A, expression Slope>
constexpr auto prelu(A a, Slope slope) {
    return elementwise<prelu_op>(a, slope);
}
template <expression A>
constexpr auto elu(A a) {
    return elementwise<elu_op>(a);
}
template <expression A>
constexpr auto sigmoid(A a) {
    return elementwise<sigmoid_op>(a);
}
template <expression A>
constexpr auto tanh(A a) {
    return elementwise<tanh_op>(a);
}
template <expression A>
constexpr auto hard_tanh(A a) {
    return elementwise<hard_tanh_op>(a);
}
template <expression A>
constexpr auto softplus(A a) {
    return elementwise<softplus_op>(a);
}
template <expression A>
constexpr auto silu(A a) {
    return elementwise<silu_op>(a);
}
template <expression A>
constexpr auto gelu(A a) {
    return elementwise<gelu_op>(a);
}
template <expression A>
constexpr auto abs(A a) {
    return elementwise<abs_op>(a);
}
template <expression A>
constexpr auto exp(A a) {
    return elementwise<exp_op>(a);
}
/// log(a). For log(sigmoid(x)) write log_sigmoid(x): σ(x) underflows below x ≈ -88 in float,
/// where log of it is -inf or -88.7; log_sigmoid(x) is x there.
template <expression A>
constexpr auto log(A a) {
    return elementwise<log_op>(a);
}
template <expression A>
constexpr auto log_sigmoid(A a) {
    return elementwise<log_sigmoid_op>(a);
}
template <expression A>
constexpr auto square(A a) {
    return elementwise<square_op>(a);
}

}  // namespace exprnet
