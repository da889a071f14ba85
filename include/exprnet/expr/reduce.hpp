/// @file
/// Defines the reduction nodes: `sum_all<A>` (every element → 1×1), `rowwise_sum<A>`
/// (R×C → R×1, summing over the batch) and `colwise_sum<A>` (R×C → 1×C).
/// Shapes: as above. Backward: broadcast G back to A's shape (diff/rules/reduce.hpp).
/// Evaluation: materialised; the reduced operand is fused into the reduction.
#pragma once

#include <exprnet/expr/node.hpp>

namespace exprnet {

template <class A>
struct sum_all : expr_base {
    static constexpr int rows = 1;
    static constexpr int cols = 1;
    using children = detail::type_list<A>;
};

template <class A>
struct rowwise_sum : expr_base {
    static constexpr int rows = A::rows;
    static constexpr int cols = 1;
    using children = detail::type_list<A>;
};

template <class A>
struct colwise_sum : expr_base {
    static constexpr int rows = 1;
    static constexpr int cols = A::cols;
    using children = detail::type_list<A>;
};

}  // namespace exprnet
