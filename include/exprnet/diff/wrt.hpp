/// @file
/// Defines `exprnet::wrt(W1, b1, ...)`: the list of params a gradient or a training program is
/// taken with respect to.
/// Shapes: none. Backward: one gradient per listed param. Evaluation: gradients go to the
/// gradient arena, at the param's slot.
#pragma once

#include <exprnet/core/diagnostics.hpp>
#include <exprnet/detail/type_list.hpp>
#include <exprnet/expr/leaf.hpp>

namespace exprnet {

template <class... Params>
struct wrt_list {
    using params = detail::type_list<Params...>;
};

template <expression... Ps>
constexpr auto wrt(Ps...) {
    static_assert((is_param_v<Ps> && ...), EXPRNET_MSG_WRT_NOT_A_PARAM);
    if constexpr (!(is_param_v<Ps> && ...)) {
        // Show only the offenders.
        ([] {
            if constexpr (!is_param_v<Ps>) {
                using shown_below [[maybe_unused]] = diagnostic::show<diagnostic::symbol_is_not_a_param<Ps>>;
            }
        }(), ...);
    }
    return wrt_list<Ps...>{};
}

}  // namespace exprnet
