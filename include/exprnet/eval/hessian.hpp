/// @file
/// Defines `hessian(loss, wrt(W1, ...))` and the program `compile` makes of it: the dense
/// Hessian of a loss with respect to a few params, one hvp call per column.
/// Shapes: n × n with n the scalars of the listed params (in wrt order, each param's scalars
/// column by column), at most `hessian_limit`: checked at compile time.
/// Backward: H·e_k for each unit direction e_k (diff/hvp.hpp: forward-over-reverse).
/// Evaluation: n calls of the hvp program; the direction and product arenas are members, so a
/// call allocates nothing.
#pragma once

#include <exprnet/core/assert.hpp>
#include <exprnet/core/diagnostics.hpp>
#include <exprnet/diff/hvp.hpp>
#include <exprnet/eval/compile.hpp>

#include <Eigen/Core>

namespace exprnet {

/// The largest dense Hessian `hessian` builds: n ≤ 1024 scalars (a million entries, 1024 hvp
/// calls). Beyond it, use hvp, e.g. in conjugate gradients.
inline constexpr long hessian_limit = 1024;

/// What `hessian(loss, wrt(...))` returns: the request `compile` turns into a program.
template <class Loss, class... Params>
struct hessian_request {
    /// The Hessian's order: the listed params' scalars.
    static constexpr long size = (0L + ... + (long(Params::rows) * Params::cols));
};

template <expression Loss, class... Params>
constexpr auto hessian(Loss, wrt_list<Params...>) {
    constexpr long n = (0L + ... + (long(Params::rows) * Params::cols));
    static_assert(n <= hessian_limit, EXPRNET_MSG_HESSIAN_TOO_LARGE);
    if constexpr (n > hessian_limit) {
        using shown_below [[maybe_unused]] = diagnostic::show<diagnostic::hessian_would_have_this_many_columns<n>>;
        return hessian_request<invalid_expr, Params...>{};
    } else {
        static_cast<void>(detail::check_wrt_request<Loss, Params...>());
        if constexpr (detail::gradient_request_ok_v<Loss, Params...>) return hessian_request<Loss, Params...>{};
        else return hessian_request<invalid_expr, Params...>{};
    }
}

/// The dense Hessian as a program: `float L = hess(p, H, x = xb, y = yb);` fills the n × n
/// matrix H (any writable Eigen matrix of that size) and returns the loss.
template <class Loss, class Hvp, class... Params>
class hessian_program {
public:
    using scalar = typename Hvp::scalar;
    static constexpr long size = hessian_request<Loss, Params...>::size;
    using params_arena = params_for<Loss, scalar>;
    using grads_arena = grads_for<Loss, scalar>;

    template <class Matrix, class... Bindings>
    scalar operator()(const params_arena& p, Matrix&& H, const Bindings&... bindings) {
        static_assert(std::remove_cvref_t<Matrix>::RowsAtCompileTime == Eigen::Dynamic ||
                          std::remove_cvref_t<Matrix>::RowsAtCompileTime == size,
                      "exprnet: hessian program call: H must be n x n, n = the program's size.");
        EXPRNET_ASSERT(H.rows() == size && H.cols() == size, "exprnet: hessian program call: H must be n x n, n = hessian_program::size");
        scalar loss = scalar(0);
        long column = 0;
        direction_.set_zero();
        const auto one_param = [&](auto param) {
            auto v = direction_[param];
            for (Eigen::Index j = 0; j < v.cols(); ++j)
                for (Eigen::Index i = 0; i < v.rows(); ++i) {
                    v(i, j) = scalar(1);
                    loss = hvp_(p, direction_, product_, bindings...);
                    v(i, j) = scalar(0);
                    long row = 0;
                    const auto copy = [&](auto q) {
                        const auto block = product_[q];
                        for (Eigen::Index c = 0; c < block.cols(); ++c)
                            for (Eigen::Index r = 0; r < block.rows(); ++r) H(row++, column) = block(r, c);
                    };
                    (copy(Params{}), ...);
                    ++column;
                }
        };
        (one_param(Params{}), ...);
        return loss;
    }

private:
    Hvp hvp_{};
    params_arena direction_{};
    grads_arena product_{};
};

/// The dense Hessian program of `hessian(loss, wrt(...))`, with the options of any program.
template <class... Options, class Loss, class... Params>
constexpr auto compile(hessian_request<Loss, Params...>) {
    if constexpr (any_invalid_v<Loss>) {
        return invalid_program{};
    } else {
        using hvp_program = decltype(compile<Options...>(hvp(Loss{}, wrt(Params{}...))));
        return hessian_program<Loss, hvp_program, Params...>{};
    }
}

}  // namespace exprnet
