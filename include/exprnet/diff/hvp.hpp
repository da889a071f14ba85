/// @file
/// Defines `hvp(loss, wrt(W1, ...))`: the Hessian-vector products of a loss, H·v for each listed
/// param, as expressions (`hvp(loss, wrt(W1))[W1]`), and what `compile` turns into a program
/// that reads v from a second arena and writes H·v where a training program writes gradients.
/// Shapes: H·v for param P has P's shape. Backward: forward-over-reverse: the tangent
/// (diff/tangent.hpp) of each gradient expression, along every listed param's direction
/// (docs/second-order.md says why, with the measurements of reverse-over-reverse).
/// Evaluation: eval/compile.hpp; one call costs about two gradient calls.
#pragma once

#include <exprnet/diff/grad.hpp>
#include <exprnet/diff/tangent.hpp>
#include <exprnet/diff/wrt.hpp>

namespace exprnet {

/// The Hessian-vector products of Loss with respect to Params, indexed by param.
template <class Loss, class... Params>
struct hessian_vector_products {
    using loss = Loss;
    using params = detail::type_list<Params...>;
    /// H·v for param P: d(dLoss/dP) along the directions of every listed param.
    template <class P>
    using of = tangent_t<grad_t<Loss, P>, params>;

    template <class P>
    constexpr auto operator[](P) const {
        static_assert((std::is_same_v<P, Params> || ...), EXPRNET_MSG_WRT_NOT_IN_EXPRESSION);
        if constexpr (any_invalid_v<Loss>) return invalid_expr{};  // the request was reported
        else return of<P>{};
    }
};

/// `hvp(loss, wrt(W1, b1))[W1]` is the W1 block of H·v, an ordinary expression (print it with
/// to_string); `compile<batch<64>>(hvp(loss, wrt(W1, b1)))` is a program:
/// `float L = prog(p, v, hv, x = xb, y = yb);` writes H·v into hv, reading v like p.
template <expression Loss, class... Params>
constexpr auto hvp(Loss, wrt_list<Params...>) {
    static_cast<void>(detail::check_wrt_request<Loss, Params...>());
    if constexpr (detail::gradient_request_ok_v<Loss, Params...>) return hessian_vector_products<Loss, Params...>{};
    else return hessian_vector_products<invalid_expr, Params...>{};
}

}  // namespace exprnet
