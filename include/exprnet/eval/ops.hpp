/// @file
/// Defines `op_eval<Op>::apply(a...)`: an elementwise op as an Eigen array expression, from the
/// op's forward facet (ops/op_def.hpp): its own `apply`, or its `scalar` and `packet` run as
/// an Eigen functor with a SIMD path (`op_functor`), the packet operations given to the op as
/// `simd` (`packet_ops`).
/// Shapes: elementwise, operands already of one shape. Backward: none (masks are ops too).
/// Evaluation: everything here is lazy; Eigen fuses a chain into one loop.
#pragma once

#include <exprnet/ops/activation.hpp>
#include <exprnet/ops/arithmetic.hpp>
#include <exprnet/ops/mask.hpp>
#include <exprnet/ops/op_def.hpp>

#include <Eigen/Core>

namespace exprnet {

namespace detail {

/// The SIMD operations an op's `packet` facet may use, on packets of scalar S.
template <class S>
struct packet_ops {
    template <class P>
    static P zero(const P& like) { return Eigen::internal::pzero(like); }
    template <class P>
    static P set(const P&, double value) { return Eigen::internal::pset1<P>(S(value)); }
    template <class P>
    static P add(const P& a, const P& b) { return Eigen::internal::padd(a, b); }
    /// All-ones lanes where a < b (a <= b), else zero lanes.
    template <class P>
    static P less(const P& a, const P& b) { return Eigen::internal::pcmp_lt(a, b); }
    template <class P>
    static P less_equal(const P& a, const P& b) { return Eigen::internal::pcmp_le(a, b); }
    template <class P>
    static P bit_and(const P& a, const P& b) { return Eigen::internal::pand(a, b); }
    /// a where the mask's lanes are all ones, else b.
    template <class P>
    static P select(const P& mask, const P& a, const P& b) { return Eigen::internal::pselect(mask, a, b); }
};

template <class Op, class S>
struct op_functor {
    S operator()(const S& a) const { return Op::scalar(a); }
    S operator()(const S& a, const S& b) const { return Op::scalar(a, b); }
    template <class P>
    P packetOp(const P& a) const { return Op::packet(packet_ops<S>{}, a); }
    template <class P>
    P packetOp(const P& a, const P& b) const { return Op::packet(packet_ops<S>{}, a, b); }
};

}  // namespace detail

template <class Op>
struct op_eval {
    static auto apply(const auto& a) {
        if constexpr (requires { Op::apply(a); }) return Op::apply(a);
        else return a.unaryExpr(detail::op_functor<Op, scalar_of_t<decltype(a)>>{});
    }
    static auto apply(const auto& a, const auto& b) {
        if constexpr (requires { Op::apply(a, b); }) return Op::apply(a, b);
        else return a.binaryExpr(b, detail::op_functor<Op, scalar_of_t<decltype(a)>>{});
    }
};

}  // namespace exprnet

// Vectorised, and as cheap as Op::cost additions.
template <class Op, class S>
struct Eigen::internal::functor_traits<exprnet::detail::op_functor<Op, S>> {
    enum { Cost = Op::cost * NumTraits<S>::AddCost, PacketAccess = packet_traits<S>::HasCmp };
};
