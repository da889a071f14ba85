/// @file
/// Defines the extension point of differentiation: `rule<Node>` gives, for child I of a node
/// and the adjoint G of the node, the child's contribution `rule<Node>::partial<I>(G)`.
/// Elementwise nodes read it from their op's `partial` facet (ops/*.hpp): a unary op's
/// `partial(G g, A input, Self output)`, a binary op's `partial<I>(G g, A lhs, B rhs)`.
/// Shapes: a partial has the child's shape. Evaluation: none; partials are expression types.
#pragma once

#include <exprnet/expr/binary.hpp>
#include <exprnet/expr/unary.hpp>

#include <cstddef>

namespace exprnet {

/// Local derivative rule of a node type: `template <std::size_t I, class G> static constexpr
/// auto partial(G)` returns the contribution to child I's adjoint.
template <class Node>
struct rule;

template <class Op, class A>
struct rule<unary<Op, A>> {
    template <std::size_t I, class G>
    static constexpr auto partial(G g) {
        return Op::partial(g, A{}, unary<Op, A>{});
    }
};

template <class Op, class A, class B>
struct rule<binary<Op, A, B>> {
    template <std::size_t I, class G>
    static constexpr auto partial(G g) {
        return Op::template partial<I>(g, A{}, B{});
    }
};

}  // namespace exprnet
