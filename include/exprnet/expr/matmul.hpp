/// @file
/// Defines `exprnet::matmul<A, B>`, the matrix product node (`W * x`).
/// Shapes: A is m×k, B is k×n → m×n (k may be the batch, as in G·xᵀ).
/// Backward: dA = G·Bᵀ, dB = Aᵀ·G (diff/rules/matmul.hpp).
/// Evaluation: always materialised; its operands are read from buffers or maps, never recomputed.
#pragma once

#include <exprnet/expr/node.hpp>

namespace exprnet {

template <class A, class B>
struct matmul : expr_base {
    static constexpr int rows = A::rows;
    static constexpr int cols = B::cols;
    using children = detail::type_list<A, B>;
};

}  // namespace exprnet
