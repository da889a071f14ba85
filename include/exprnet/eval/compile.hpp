/// @file
/// Defines `compile`: `compile(expr)` gives a forward program, `compile(loss, wrt(W1, ...))` a
/// training program returning the loss and writing every gradient; options choose the batch
/// (`batch<64>`, `dynamic_batch`; default batch<1>), the scalar (`scalar_type<double>`) and
/// `check_finite` (stop at the first NaN or inf, naming the step: eval/check_finite.hpp).
/// Shapes: the loss of a training program is 1×1. Backward: diff/grad.hpp derives the
/// gradient roots. Evaluation: eval/program.hpp.
#pragma once

#include <exprnet/core/diagnostics.hpp>
#include <exprnet/diff/grad.hpp>
#include <exprnet/diff/hvp.hpp>
#include <exprnet/diff/wrt.hpp>
#include <exprnet/eval/program.hpp>

#include <Eigen/Core>

#include <cstddef>

namespace exprnet {

/// Compile for exactly N columns per call: every size, offset and figure is a constant.
template <int N>
struct batch {
    static_assert(N > 0, EXPRNET_MSG_BATCH_OPTION);
    static constexpr int value = N;
};
/// Compile for any number of columns per call (the workspace grows on the first larger call).
struct dynamic_batch {
    static constexpr int value = Eigen::Dynamic;
};
/// Compute in this scalar type (float by default).
template <class S>
struct scalar_type {
    using type = S;
};

/// Check every step's result for NaN and inf (defined in eval/check_finite.hpp, which a program
/// compiled with it needs; <exprnet/exprnet.hpp> includes it).
struct check_finite;

namespace detail {

template <class O>
inline constexpr bool is_batch_option_v = false;
// N > 0 is checked here: naming batch<0> as an option does not instantiate it, so its own
// static_assert would never fire (and batch<-1> would silently mean Eigen::Dynamic).
template <int N>
inline constexpr bool is_batch_option_v<batch<N>> = N > 0;
template <>
inline constexpr bool is_batch_option_v<dynamic_batch> = true;

template <class O>
struct batch_value : std::integral_constant<int, 1> {};
template <int N>
struct batch_value<batch<N>> : std::integral_constant<int, N> {};
template <>
struct batch_value<dynamic_batch> : std::integral_constant<int, Eigen::Dynamic> {};

template <class O>
struct scalar_option {
    using type = void;
};
template <class S>
struct scalar_option<scalar_type<S>> {
    using type = S;
};

template <class... Options>
struct options {
    static_assert(((is_batch_option_v<Options> || !std::is_void_v<typename scalar_option<Options>::type> ||
                    std::is_same_v<Options, exprnet::check_finite>) &&
                   ...),
                  EXPRNET_MSG_BATCH_OPTION);
    static constexpr bool check_finite = (std::is_same_v<Options, exprnet::check_finite> || ...);
    static constexpr int batch = [] {
        int b = 1;
        ((b = is_batch_option_v<Options> ? batch_value<Options>::value : b), ...);
        return b;
    }();
    static_assert(((std::is_void_v<typename scalar_option<Options>::type> ||
                    std::is_same_v<typename scalar_option<Options>::type, float> ||
                    std::is_same_v<typename scalar_option<Options>::type, double>) && ...),
                  EXPRNET_MSG_BATCH_OPTION);
    using scalar = std::conditional_t<(std::is_same_v<typename scalar_option<Options>::type, double> || ...), double, float>;
};

}  // namespace detail

/// What `compile` returns after a diagnostic: it accepts any call and does nothing, so that one
/// mistake gives one message rather than a cascade from the code that uses the program.
struct invalid_program {
    static constexpr std::size_t parameter_count = 0;
    static constexpr std::size_t workspace_size = 0;
    static constexpr std::size_t workspace_bytes = 0;
    static constexpr long multiply_adds_per_sample = 0;
    static constexpr int step_count = 0;
    static constexpr std::size_t workspace_bytes_for(long) { return 0; }
    static constexpr long multiply_adds_per_call(long = 1) { return 0; }
    void reserve(long) {}

    /// Usable both as a loss (a float) and as a forward output (a matrix), whichever the
    /// caller's code expects.
    struct result : Eigen::Matrix<float, 1, 1> {
        result() : Eigen::Matrix<float, 1, 1>(0.0f) {}
        operator float() const { return 0.0f; }
    };
    template <class... Args>
    result operator()(const Args&...) {
        return {};
    }
};

namespace detail {
/// No node of the roots' graph is batch x batch (the planner's workspaces are linear in N).
/// A product reports it where it is written (make_matmul), and only a product makes one from
/// operands that are not: this is a guard for graphs built some other way.
template <class Nodes>
inline constexpr bool no_batch_squared_v = false;
template <class... Ns>
inline constexpr bool no_batch_squared_v<type_list<Ns...>> = [] {
    // An array, not a fold: clang limits folds to 256 operands, and deep nets have more nodes.
    constexpr bool square[] = {(Ns::rows == batch_dim && Ns::cols == batch_dim)..., false};
    for (bool s : square)
        if (s) return false;
    return true;
}();
}  // namespace detail

/// A forward program for `expr`: `auto infer = compile(scores); auto out = infer(p, x = xb);`
template <class... Options, expression E>
constexpr auto compile(E) {
    using opts = detail::options<Options...>;
    if constexpr (!any_invalid_v<E>) static_cast<void>(check_symbol_names<E>());
    if constexpr (any_invalid_v<E> || !symbol_names_unique_v<E>) {
        return invalid_program{};
    } else if constexpr (!detail::no_batch_squared_v<nodes_of_t<E>>) {
        static_assert(detail::no_batch_squared_v<nodes_of_t<E>>, EXPRNET_MSG_BATCH_SQUARED);
        return invalid_program{};
    } else {
        return program<detail::type_list<E>, detail::type_list<>, typename opts::scalar, opts::batch, opts::check_finite>{};
    }
}

/// A training program: `float L = train(p, g, x = xb, y = yb);` computes the loss and writes
/// dL/dP into g[P] for every P in wrt(...).
template <class... Options, expression Loss, class... Params>
constexpr auto compile(Loss, wrt_list<Params...>) {
    using opts = detail::options<Options...>;
    if constexpr (!any_invalid_v<Loss>) {
        static_cast<void>(check_symbol_names<Loss>());
        static_cast<void>(detail::check_wrt_request<Loss, Params...>());
    }
    if constexpr (!symbol_names_unique_v<Loss> || !detail::gradient_request_ok_v<Loss, Params...>) {
        return invalid_program{};
    } else if constexpr (!detail::no_batch_squared_v<nodes_of_t<Loss, grad_t<Loss, Params>...>>) {
        static_assert(detail::no_batch_squared_v<nodes_of_t<Loss, grad_t<Loss, Params>...>>, EXPRNET_MSG_BATCH_SQUARED);
        return invalid_program{};
    } else {
        return program<detail::type_list<Loss, grad_t<Loss, Params>...>, detail::type_list<Params...>,
                       typename opts::scalar, opts::batch, opts::check_finite>{};
    }
}

/// A Hessian-vector-product program: `float L = prog(p, v, hv, x = xb, y = yb);` computes the
/// loss and writes H·v into hv[P] for every P in wrt(...), reading the direction v (an arena of
/// p's type). Forward-over-reverse (diff/hvp.hpp).
template <class... Options, class Loss, class... Params>
constexpr auto compile(hessian_vector_products<Loss, Params...>) {
    using opts = detail::options<Options...>;
    using H = hessian_vector_products<Loss, Params...>;
    if constexpr (any_invalid_v<Loss>) {
        return invalid_program{};  // reported by hvp(...)
    } else if constexpr (!check_symbol_names<Loss>()) {
        return invalid_program{};
    } else if constexpr (!detail::no_batch_squared_v<nodes_of_t<Loss, typename H::template of<Params>...>>) {
        static_assert(detail::no_batch_squared_v<nodes_of_t<Loss, typename H::template of<Params>...>>, EXPRNET_MSG_BATCH_SQUARED);
        return invalid_program{};
    } else {
        return program<detail::type_list<Loss, typename H::template of<Params>...>, detail::type_list<Params...>,
                       typename opts::scalar, opts::batch, opts::check_finite>{};
    }
}

}  // namespace exprnet
