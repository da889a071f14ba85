/// @file
/// Defines `exprnet::binary<Op, A, B>`, the elementwise binary node (+, -, ⊙, /, max, masks).
/// Shapes: A and B have the same shape; broadcasting is an explicit `broadcast` node.
/// Backward: Op::partial<I> (ops/*.hpp: add distributes, mul swaps, max routes). Op must have
/// every facet of an op (ops/op_def.hpp); a missing one is an error naming the op and the facet.
/// Evaluation: fused into the consumer's Eigen expression unless shared or needed by backward.
#pragma once

#include <exprnet/expr/node.hpp>
#include <exprnet/ops/op_def.hpp>

namespace exprnet {

template <class Op, class A, class B>
struct binary : expr_base {
    static_assert(same_shape_v<A, B>, "exprnet internal: binary operands must have one shape");
    static constexpr bool op_checked = detail::checked_op<Op, 2>::value;
    static constexpr int rows = A::rows;
    static constexpr int cols = A::cols;
    using op = Op;
    using children = detail::type_list<A, B>;
};

}  // namespace exprnet
