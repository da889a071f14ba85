/// @file
/// Defines the backward rules of the matrix product and the transpose:
/// for A·B, dA = G·Bᵀ and dB = Aᵀ·G; for Aᵀ, dA = Gᵀ.
/// Shapes: dA has A's shape, dB has B's. Evaluation: products are materialised; transposes are views.
#pragma once

#include <exprnet/diff/rule.hpp>
#include <exprnet/expr/make.hpp>

namespace exprnet {

template <class A, class B>
struct rule<matmul<A, B>> {
    template <std::size_t I, class G>
    static constexpr auto partial(G g) {
        if constexpr (I == 0) return detail::make_matmul(g, detail::make_transpose(B{}));
        else return detail::make_matmul(detail::make_transpose(A{}), g);
    }
};

template <class A>
struct rule<transpose_node<A>> {
    template <std::size_t I, class G>
    static constexpr auto partial(G g) {
        return detail::make_transpose(g);
    }
};

}  // namespace exprnet
