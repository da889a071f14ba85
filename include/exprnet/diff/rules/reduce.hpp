/// @file
/// Defines the backward rules of broadcasts and reductions, which are each other's adjoints:
/// a broadcast sums G over what it repeated (a bias column gets rowsum(G): the sum over the
/// batch), and a sum spreads G back over its operand's shape.
/// Shapes: as the operands. Evaluation: sums are materialised, broadcasts are views.
#pragma once

#include <exprnet/diff/rule.hpp>
#include <exprnet/expr/make.hpp>

namespace exprnet {

template <class A, int R, int C>
struct rule<broadcast<A, R, C>> {
    template <std::size_t I, class G>
    static constexpr auto partial(G g) {
        if constexpr (A::rows == 1 && A::cols == 1) return detail::make_sum_all(g);
        else if constexpr (A::cols == 1) return detail::make_rowwise_sum(g);
        else return detail::make_colwise_sum(g);
    }
};

template <class A>
struct rule<sum_all<A>> {
    template <std::size_t I, class G>
    static constexpr auto partial(G g) {
        return detail::make_broadcast<A::rows, A::cols>(g);
    }
};

template <class A>
struct rule<rowwise_sum<A>> {
    template <std::size_t I, class G>
    static constexpr auto partial(G g) {
        return detail::make_broadcast<A::rows, A::cols>(g);
    }
};

template <class A>
struct rule<colwise_sum<A>> {
    template <std::size_t I, class G>
    static constexpr auto partial(G g) {
        return detail::make_broadcast<A::rows, A::cols>(g);
    }
};

}  // namespace exprnet
