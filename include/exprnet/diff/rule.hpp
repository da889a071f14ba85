/// @file
/// Defines the extension points of differentiation: `rule<Node>` gives, for child I of a node
/// and the adjoint G of the node, the child's contribution `rule<Node>::partial<I>(G)`.
/// Unary and binary elementwise nodes forward to `unary_rule<Op>` / `binary_rule<Op>`, so a new
/// op adds one small specialisation (see the headers in diff/rules/).
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

/// Rule of an elementwise unary op: `partial(G g, A input, Self output)`.
template <class Op>
struct unary_rule;

/// Rule of an elementwise binary op: `partial<I>(G g, A lhs, B rhs)`.
template <class Op>
struct binary_rule;

template <class Op, class A>
struct rule<unary<Op, A>> {
    template <std::size_t I, class G>
    static constexpr auto partial(G g) {
        return unary_rule<Op>::partial(g, A{}, unary<Op, A>{});
    }
};

template <class Op, class A, class B>
struct rule<binary<Op, A, B>> {
    template <std::size_t I, class G>
    static constexpr auto partial(G g) {
        return binary_rule<Op>::template partial<I>(g, A{}, B{});
    }
};

}  // namespace exprnet
