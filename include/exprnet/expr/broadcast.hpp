/// @file
/// Defines `exprnet::broadcast<A, R, C>`: a 1×1 scalar, an R×1 column or a 1×C row repeated
/// to R×C (the bias of `W * x + b` over the batch).
/// Shapes: A is 1×1, R×1 or 1×C. Backward: sum over what was repeated: sum(G), rowsum(G) or
/// colsum(G) (diff/rules/reduce.hpp). Evaluation: a view (Constant or replicate), never a buffer.
#pragma once

#include <exprnet/expr/node.hpp>

namespace exprnet {

template <class A, int Rows, int Cols>
struct broadcast : expr_base {
    static constexpr int rows = Rows;
    static constexpr int cols = Cols;
    using children = detail::type_list<A>;
};

}  // namespace exprnet
