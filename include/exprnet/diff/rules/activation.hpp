/// @file
/// Defines the backward rules of the activations. ReLU routes G by the sign of its output
/// (dA = G ⊙ [h > 0]); leaky ReLU and ELU scale by their slope read off the output; sigmoid and
/// tanh reuse their forward output (σ ⊙ (1 - σ), 1 - tanh²); exp reuses itself; log divides;
/// square doubles.
/// Shapes: elementwise. Evaluation: the forward output is a buffer the backward reads (shared node).
#pragma once

#include <exprnet/diff/rule.hpp>
#include <exprnet/expr/make.hpp>
#include <exprnet/ops/activation.hpp>
#include <exprnet/ops/mask.hpp>

namespace exprnet {

template <>
struct unary_rule<relu_op> {
    template <class G, class A, class H>
    static constexpr auto partial(G g, A, H) {
        return detail::make_binary<mul_op>(g, unary<positive_mask_op, H>{});
    }
};

template <std::uint64_t SlopeBits>
struct unary_rule<leaky_relu_op<SlopeBits>> {
    template <class G, class A, class H>
    static constexpr auto partial(G g, A, H) {
        return detail::make_binary<mul_op>(g, unary<leaky_slope_op<SlopeBits>, H>{});
    }
};

template <>
struct unary_rule<elu_op> {
    template <class G, class A, class H>
    static constexpr auto partial(G g, A, H) {
        return detail::make_binary<mul_op>(g, unary<elu_slope_op, H>{});
    }
};

template <>
struct unary_rule<sigmoid_op> {
    template <class G, class A, class H>
    static constexpr auto partial(G g, A, H h) {
        using detail::make_binary;
        return make_binary<mul_op>(g, make_binary<mul_op>(h, make_binary<sub_op>(ratio_c<1>, h)));
    }
};

template <>
struct unary_rule<tanh_op> {
    template <class G, class A, class H>
    static constexpr auto partial(G g, A, H h) {
        using detail::make_binary;
        return make_binary<mul_op>(g, make_binary<sub_op>(ratio_c<1>, detail::make_unary<square_op>(h)));
    }
};

template <>
struct unary_rule<exp_op> {
    template <class G, class A, class H>
    static constexpr auto partial(G g, A, H h) {
        return detail::make_binary<mul_op>(g, h);
    }
};

template <>
struct unary_rule<log_op> {
    template <class G, class A, class H>
    static constexpr auto partial(G g, A a, H) {
        return detail::make_binary<div_op>(g, a);
    }
};

template <>
struct unary_rule<square_op> {
    template <class G, class A, class H>
    static constexpr auto partial(G g, A a, H) {
        using detail::make_binary;
        return make_binary<mul_op>(g, make_binary<mul_op>(ratio_c<2>, a));
    }
};

}  // namespace exprnet
