/// @file
/// Defines `exprnet::transpose_node<A>` (Aᵀ).
/// Shapes: m×n → n×m. Backward: dA = Gᵀ. Evaluation: a view, never materialised.
#pragma once

#include <exprnet/expr/node.hpp>

namespace exprnet {

template <class A>
struct transpose_node : expr_base {
    static constexpr int rows = A::cols;
    static constexpr int cols = A::rows;
    using children = detail::type_list<A>;
    using transposed = A;  // lets make_transpose fold (Aᵀ)ᵀ to A
};

}  // namespace exprnet
