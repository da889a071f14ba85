/// @file
/// Defines `exprnet::binary<Op, A, B>`, the elementwise binary node (+, -, ⊙, /, max, masks).
/// Shapes: A and B have the same shape; broadcasting is an explicit `broadcast` node.
/// Backward: diff/rules/arithmetic.hpp (add distributes, mul swaps, max routes).
/// Evaluation: fused into the consumer's Eigen expression unless shared or needed by backward.
#pragma once

#include <exprnet/expr/node.hpp>

namespace exprnet {

template <class Op, class A, class B>
struct binary : expr_base {
    static_assert(same_shape_v<A, B>, "exprnet internal: binary operands must have one shape");
    static constexpr int rows = A::rows;
    static constexpr int cols = A::cols;
    using op = Op;
    using children = detail::type_list<A, B>;
};

}  // namespace exprnet
