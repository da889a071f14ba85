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

// The masks as Eigen functors with a packet path: `(h > 0).cast<float>()` is evaluated one
// scalar at a time (compare, convert the bool), which made ReLU's backward the slowest
// elementwise step of a training call. Here a comparison's all-ones lanes are and-ed with 1.
namespace detail {

/// 1 where 0 < h, else 0 (also for NaN).
template <class S>
struct positive_mask_functor {
    S operator()(const S& h) const { return S(0) < h ? S(1) : S(0); }
    template <class Packet>
    Packet packetOp(const Packet& h) const {
        using namespace Eigen::internal;
        return pand(pcmp_lt(pzero(h), h), pset1<Packet>(S(1)));
    }
};
/// 1 where b <= a (max(a, b) chose a), else 0.
template <class S>
struct ge_mask_functor {
    S operator()(const S& a, const S& b) const { return b <= a ? S(1) : S(0); }
    template <class Packet>
    Packet packetOp(const Packet& a, const Packet& b) const {
        using namespace Eigen::internal;
        return pand(pcmp_le(b, a), pset1<Packet>(S(1)));
    }
};
/// 1 where a < b (max(a, b) chose b), else 0.
template <class S>
struct lt_mask_functor {
    S operator()(const S& a, const S& b) const { return a < b ? S(1) : S(0); }
    template <class Packet>
    Packet packetOp(const Packet& a, const Packet& b) const {
        using namespace Eigen::internal;
        return pand(pcmp_lt(a, b), pset1<Packet>(S(1)));
    }
};
/// 1 where 0 < h, else `slope` (leaky_relu' from its output).
template <class S>
struct leaky_slope_functor {
    S slope;
    S operator()(const S& h) const { return S(0) < h ? S(1) : slope; }
    template <class Packet>
    Packet packetOp(const Packet& h) const {
        using namespace Eigen::internal;
        return pselect(pcmp_lt(pzero(h), h), pset1<Packet>(S(1)), pset1<Packet>(slope));
    }
};
/// 1 where 0 < h, else h + 1 (elu' from its output).
template <class S>
struct elu_slope_functor {
    S operator()(const S& h) const { return S(0) < h ? S(1) : h + S(1); }
    template <class Packet>
    Packet packetOp(const Packet& h) const {
        using namespace Eigen::internal;
        const Packet one = pset1<Packet>(S(1));
        return pselect(pcmp_lt(pzero(h), h), one, padd(h, one));
    }
};

}  // namespace detail

template <>
struct op_eval<positive_mask_op> {
    static auto apply(const auto& h) { return h.unaryExpr(detail::positive_mask_functor<scalar_of_t<decltype(h)>>{}); }
};
template <>
struct op_eval<ge_mask_op> {
    static auto apply(const auto& a, const auto& b) {
        return a.binaryExpr(b, detail::ge_mask_functor<scalar_of_t<decltype(a)>>{});
    }
};
template <>
struct op_eval<lt_mask_op> {
    static auto apply(const auto& a, const auto& b) {
        return a.binaryExpr(b, detail::lt_mask_functor<scalar_of_t<decltype(a)>>{});
    }
};
template <std::uint64_t SlopeBits>
struct op_eval<leaky_slope_op<SlopeBits>> {
    static auto apply(const auto& h) {
        using S = scalar_of_t<decltype(h)>;
        return h.unaryExpr(detail::leaky_slope_functor<S>{S(leaky_slope_op<SlopeBits>::slope)});
    }
};
template <>
struct op_eval<elu_slope_op> {
    static auto apply(const auto& h) { return h.unaryExpr(detail::elu_slope_functor<scalar_of_t<decltype(h)>>{}); }
};

}  // namespace exprnet

namespace Eigen::internal {
// Vectorised, and as cheap as an addition.
template <class S>
struct functor_traits<exprnet::detail::positive_mask_functor<S>> {
    enum { Cost = NumTraits<S>::AddCost, PacketAccess = packet_traits<S>::HasCmp };
};
template <class S>
struct functor_traits<exprnet::detail::ge_mask_functor<S>> {
    enum { Cost = NumTraits<S>::AddCost, PacketAccess = packet_traits<S>::HasCmp };
};
template <class S>
struct functor_traits<exprnet::detail::lt_mask_functor<S>> {
    enum { Cost = NumTraits<S>::AddCost, PacketAccess = packet_traits<S>::HasCmp };
};
template <class S>
struct functor_traits<exprnet::detail::leaky_slope_functor<S>> {
    enum { Cost = NumTraits<S>::AddCost, PacketAccess = packet_traits<S>::HasCmp };
};
template <class S>
struct functor_traits<exprnet::detail::elu_slope_functor<S>> {
    enum { Cost = 2 * NumTraits<S>::AddCost, PacketAccess = packet_traits<S>::HasCmp };
};
}  // namespace Eigen::internal
