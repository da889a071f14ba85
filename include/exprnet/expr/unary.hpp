/// @file
/// Defines `exprnet::unary<Op, A>`, the elementwise unary node (activations, exp, log, masks).
/// Shapes: same as A. Backward: per op, diff/rules/activation.hpp and arithmetic.hpp.
/// Evaluation: fused into the consumer's Eigen expression unless shared or needed by backward.
#pragma once

#include <exprnet/expr/node.hpp>

namespace exprnet {

template <class Op, class A>
struct unary : expr_base {
    static constexpr int rows = A::rows;
    static constexpr int cols = A::cols;
    using op = Op;
    using children = detail::type_list<A>;
};

}  // namespace exprnet
