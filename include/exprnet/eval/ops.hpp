/// @file
/// Defines `op_eval<Op>`: how each elementwise op tag is written as an Eigen array expression.
/// Shapes: elementwise, operands already of one shape. Backward: none (masks are ops too).
/// Evaluation: everything here is lazy; Eigen fuses a chain into one loop.
#pragma once

#include <exprnet/ops/activation.hpp>
#include <exprnet/ops/arithmetic.hpp>
#include <exprnet/ops/mask.hpp>

#include <Eigen/Core>

namespace exprnet {

template <class Op>
struct op_eval;

template <>
struct op_eval<add_op> {
    static auto apply(const auto& a, const auto& b) { return a + b; }
};
template <>
struct op_eval<sub_op> {
    static auto apply(const auto& a, const auto& b) { return a - b; }
};
template <>
struct op_eval<mul_op> {
    static auto apply(const auto& a, const auto& b) { return a * b; }
};
template <>
struct op_eval<div_op> {
    static auto apply(const auto& a, const auto& b) { return a / b; }
};
template <>
struct op_eval<max_op> {
    static auto apply(const auto& a, const auto& b) { return a.max(b); }
};
template <>
struct op_eval<neg_op> {
    static auto apply(const auto& a) { return -a; }
};

template <class A>
using scalar_of_t = typename std::remove_cvref_t<A>::Scalar;

template <>
struct op_eval<relu_op> {
    static auto apply(const auto& a) { return a.max(scalar_of_t<decltype(a)>(0)); }
};
template <std::uint64_t SlopeBits>
struct op_eval<leaky_relu_op<SlopeBits>> {
    static auto apply(const auto& a) {
        using S = scalar_of_t<decltype(a)>;
        // max(x, slope·x) is leaky ReLU for 0 <= slope < 1, with no branch.
        return a.max(S(leaky_relu_op<SlopeBits>::slope) * a);
    }
};
template <>
struct op_eval<sigmoid_op> {
    static auto apply(const auto& a) { return a.logistic(); }
};
template <>
struct op_eval<tanh_op> {
    static auto apply(const auto& a) { return a.tanh(); }
};
template <>
struct op_eval<elu_op> {
    static auto apply(const auto& a) {
        using S = scalar_of_t<decltype(a)>;
        return (a > S(0)).select(a, a.exp() - S(1));
    }
};
template <>
struct op_eval<exp_op> {
    static auto apply(const auto& a) { return a.exp(); }
};
template <>
struct op_eval<log_op> {
    static auto apply(const auto& a) { return a.log(); }
};
template <>
struct op_eval<square_op> {
    static auto apply(const auto& a) { return a.square(); }
};

template <>
struct op_eval<positive_mask_op> {
    static auto apply(const auto& h) {
        using S = scalar_of_t<decltype(h)>;
        return (h > S(0)).template cast<S>();
    }
};
template <>
struct op_eval<ge_mask_op> {
    static auto apply(const auto& a, const auto& b) {
        using S = scalar_of_t<decltype(a)>;
        return (a >= b).template cast<S>();
    }
};
template <>
struct op_eval<lt_mask_op> {
    static auto apply(const auto& a, const auto& b) {
        using S = scalar_of_t<decltype(a)>;
        return (a < b).template cast<S>();
    }
};
template <std::uint64_t SlopeBits>
struct op_eval<leaky_slope_op<SlopeBits>> {
    static auto apply(const auto& h) {
        using S = scalar_of_t<decltype(h)>;
        constexpr S slope = S(leaky_slope_op<SlopeBits>::slope);
        return (h > S(0)).template cast<S>() * (S(1) - slope) + slope;  // 1 or slope
    }
};
template <>
struct op_eval<elu_slope_op> {
    static auto apply(const auto& h) {
        using S = scalar_of_t<decltype(h)>;
        return (h > S(0)).select(S(1), h + S(1));
    }
};

}  // namespace exprnet
