/// @file
/// Defines `exprnet::unary<Op, A>`, the elementwise unary node (activations, exp, log, masks).
/// Shapes: same as A. Backward: Op::partial (ops/*.hpp). Op must have every facet of an op
/// (ops/op_def.hpp); a missing one is an error naming the op and the facet.
/// Evaluation: fused into the consumer's Eigen expression unless shared or needed by backward.
#pragma once

#include <exprnet/expr/node.hpp>
#include <exprnet/ops/op_def.hpp>

namespace exprnet {

template <class Op, class A>
struct unary : expr_base {
    static constexpr bool op_checked = detail::checked_op<Op, 1>::value;
    static constexpr int rows = A::rows;
    static constexpr int cols = A::cols;
    using op = Op;
    using children = detail::type_list<A>;
};

}  // namespace exprnet
