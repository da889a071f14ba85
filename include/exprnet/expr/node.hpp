/// @file
/// Defines `exprnet::expression`, the concept every graph node satisfies, and the node base.
/// Shapes: every node has `rows` and `cols` (a number or `batch_dim`) and a `children` list.
/// Backward: none here. Evaluation: none here; nodes are empty structs, the type is the graph.
///
/// Capture policy: nodes are empty, so a subexpression is always held by value and
/// `auto h = relu(W1 * x);` stays valid for as long as you like.
#pragma once

#include <exprnet/core/shape.hpp>
#include <exprnet/detail/type_list.hpp>

#include <type_traits>

namespace exprnet {

/// Base of every expression node; carries no data.
struct expr_base {};

template <class T>
concept expression = std::is_base_of_v<expr_base, std::remove_cvref_t<T>>;

/// What an ill-formed operation returns after its diagnostic, so that one mistake gives one
/// message instead of a cascade: every operation accepts it silently and returns it again.
struct invalid_expr : expr_base {
    static constexpr int rows = 1;
    static constexpr int cols = 1;
    using children = detail::type_list<>;
};

template <class... Ts>
inline constexpr bool any_invalid_v = (std::is_same_v<std::remove_cvref_t<Ts>, invalid_expr> || ...);

template <class T>
using shape_of_t = shape<T::rows, T::cols>;

}  // namespace exprnet
