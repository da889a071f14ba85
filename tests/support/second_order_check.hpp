/// @file
/// The second-order laws for exprnet's compile-time forward mode and Hessian-vector products.
///
///   exprnet_test::second_order_law<Batch>(loss, wrt(W1, b1), y = labels);
///
/// compiles, in double, the loss's training program (the oracle), its dense Hessian program
/// (one hvp call per column, forward-over-reverse), its hvp program and the reverse-over-reverse
/// program grad(Σ_P sum(grad(loss, P) ⊙ v_P), wrt(...)), fills the params with seeded random
/// values and checks
///
///   1. H against central differences of the gradient program, column by column:
///      ‖H − (∇L(p + h e_k) − ∇L(p − h e_k)) / 2h‖ / max(‖H‖, ‖numeric‖) < 1e-6, and ‖H‖ > 0
///      (not vacuous);
///   2. symmetry: vᵀ(H w) = wᵀ(H v) for random v, w (relative error < 1e-10), from hvp calls;
///   3. hvp(v) = H v, and reverse-over-reverse H·v = forward-over-reverse H·v (< 1e-10).
///
///   exprnet_test::jvp_law<Batch>(expr, wrt(W1, b1), x = xb);
///
/// checks the jvp program of any expression against central differences of its forward program
/// along a random direction (relative error < 1e-6), and that it is not zero.
///
/// Inputs not given are generated like gradcheck's law(); the data come from a fixed seed.
#pragma once

#include "support/gradcheck.hpp"


#include <cmath>
#include <random>
#include <tuple>

namespace exprnet_test {

struct second_order_options {
    double h = 1e-5;  ///< central-difference step (of the gradient, or of the forward pass)
    double tolerance = 1e-6;
    double param_lo = -1.0, param_hi = 1.0;
    double input_lo = -1.0, input_hi = 1.0;
    std::uint32_t seed = default_seed;
};

template <class Arena>
void fill_uniform(Arena& a, std::mt19937& rng, double lo, double hi) {
    a.for_each([&](auto, auto map) {
        for (Eigen::Index j = 0; j < map.cols(); ++j)
            for (Eigen::Index i = 0; i < map.rows(); ++i) map(i, j) = uniform(rng, lo, hi);
    });
}

/// The listed params' blocks of an arena as one vector, each param column by column (the
/// Hessian program's order).
template <class Arena, class... Params>
Eigen::VectorXd flatten(const Arena& a, exprnet::wrt_list<Params...>) {
    Eigen::VectorXd out((0 + ... + (Params::rows * Params::cols)));
    Eigen::Index k = 0;
    const auto one = [&](auto param) {
        const auto m = a[param];
        for (Eigen::Index j = 0; j < m.cols(); ++j)
            for (Eigen::Index i = 0; i < m.rows(); ++i) out(k++) = m(i, j);
    };
    (one(Params{}), ...);
    return out;
}

/// Σ_P sum(grad(loss, P) ⊙ v_P): its gradient is H·v (reverse over reverse).
template <class Loss, class... Params>
constexpr auto gradient_dot_direction(Loss loss, exprnet::wrt_list<Params...>) {
    using namespace exprnet;
    return (... + sum(hadamard(grad(loss, Params{}), direction(Params{}))));
}

/// The laws of the header comment, for programs compiled with BatchOption on data of Batch
/// columns. Returns the Hessian's relative error.
template <class BatchOption, class Loss, class... Params, class... Bindings>
    requires(is_binding_v<Bindings> && ...)
double check_second_order_with(Loss loss, exprnet::wrt_list<Params...> params, const second_order_options& opt,
                               const Bindings&... bindings) {
    using namespace exprnet;
    auto train = compile<BatchOption, scalar_type<double>>(loss, params);
    auto hess = compile<BatchOption, scalar_type<double>>(hessian(loss, params));
    auto hv = compile<BatchOption, scalar_type<double>>(hvp(loss, params));
    auto ror = compile<BatchOption, scalar_type<double>>(gradient_dot_direction(loss, params), params);
    constexpr long n = decltype(hess)::size;

    params_for<Loss, double> p, v, w;
    grads_for<Loss, double> g, hv_out;
    std::mt19937 rng(opt.seed);
    fill_uniform(p, rng, opt.param_lo, opt.param_hi);
    fill_uniform(v, rng, -1.0, 1.0);
    fill_uniform(w, rng, -1.0, 1.0);

    Eigen::MatrixXd H(n, n);
    const double loss_value = hess(p, H, bindings...);
    BOOST_TEST_CONTEXT(to_string(loss) << ", " << n << " params, loss " << loss_value) {
        BOOST_TEST(std::isfinite(loss_value));

        // 1. Columns against central differences of the gradient program.
        Eigen::MatrixXd numeric(n, n);
        long column = 0;
        const auto one_param = [&](auto param) {
            auto m = p[param];
            for (Eigen::Index j = 0; j < m.cols(); ++j)
                for (Eigen::Index i = 0; i < m.rows(); ++i) {
                    const double saved = m(i, j);
                    m(i, j) = saved + opt.h;
                    train(p, g, bindings...);
                    const Eigen::VectorXd up = flatten(g, params);
                    m(i, j) = saved - opt.h;
                    train(p, g, bindings...);
                    const Eigen::VectorXd down = flatten(g, params);
                    m(i, j) = saved;
                    numeric.col(column++) = (up - down) / (2.0 * opt.h);
                }
        };
        (one_param(Params{}), ...);
        const double err = relative_error(H, numeric);
        BOOST_TEST(err < opt.tolerance, "Hessian: relative error " << err << "\nanalytic:\n" << H << "\nnumeric:\n" << numeric);
        BOOST_TEST(H.norm() > 1e-9, "the Hessian is zero: the check would be vacuous");

        // 2. Symmetry, from two hvp calls.
        hv(p, v, hv_out, bindings...);
        const Eigen::VectorXd Hv = flatten(hv_out, params);
        const double loss_again = hv(p, w, hv_out, bindings...);
        const Eigen::VectorXd Hw = flatten(hv_out, params);
        BOOST_TEST(loss_again == loss_value);
        const double vHw = flatten(v, params).dot(Hw), wHv = flatten(w, params).dot(Hv);
        BOOST_TEST(std::abs(vHw - wHv) <= 1e-10 * std::max({std::abs(vHw), std::abs(wHv), 1e-12}),
                   "vᵀHw = " << vHw << " but wᵀHv = " << wHv);

        // 3. hvp is H times the direction; reverse over reverse agrees with forward over reverse.
        BOOST_TEST(relative_error(Hv, H * flatten(v, params)) < 1e-10);
        ror(p, v, hv_out, bindings...);
        BOOST_TEST(relative_error(flatten(hv_out, params), Hv) < 1e-10);
        return err;
    }
    return 0.0;
}

/// The jvp law for programs compiled with BatchOption.
template <class BatchOption, class E, class... Params, class... Bindings>
    requires(is_binding_v<Bindings> && ...)
double check_jvp_with(E expr, exprnet::wrt_list<Params...> params, const second_order_options& opt, const Bindings&... bindings) {
    using namespace exprnet;
    auto forward = compile<BatchOption, scalar_type<double>>(expr);
    auto tangent = compile<BatchOption, scalar_type<double>>(jvp(expr, params));
    params_for<E, double> p, v, moved;
    std::mt19937 rng(opt.seed + 7);
    fill_uniform(p, rng, opt.param_lo, opt.param_hi);
    v.set_zero();
    const auto random_direction = [&](auto param) {
        auto m = v[param];
        for (Eigen::Index j = 0; j < m.cols(); ++j)
            for (Eigen::Index i = 0; i < m.rows(); ++i) m(i, j) = uniform(rng, -1.0, 1.0);
    };
    (random_direction(Params{}), ...);  // only the listed params move

    const Eigen::MatrixXd analytic = tangent(p, v, bindings...);
    moved.flat() = p.flat() + opt.h * v.flat();
    const Eigen::MatrixXd up = forward(moved, bindings...);
    moved.flat() = p.flat() - opt.h * v.flat();
    const Eigen::MatrixXd down = forward(moved, bindings...);
    const Eigen::MatrixXd numeric = (up - down) / (2.0 * opt.h);
    const double err = relative_error(analytic, numeric);
    BOOST_TEST_CONTEXT("jvp of " << to_string(expr)) {
        BOOST_TEST(err < opt.tolerance, "relative error " << err << "\nanalytic:\n" << analytic << "\nnumeric:\n" << numeric);
        BOOST_TEST(analytic.norm() > 1e-9, "the jvp is zero: the check would be vacuous");
    }
    return err;
}

namespace detail {
/// Calls f(bindings..., generated...) with a random Rows x Batch matrix bound to every input of
/// E that is not given.
template <int Batch, class E, class F, class... Given>
auto with_generated_inputs(const second_order_options& opt, F&& f, const Given&... given) {
    using missing = typename exprnet::detail::filter<exprnet::inputs_of_t<E>, not_given<Given...>::template test>::type;
    return [&]<class... Xs>(exprnet::detail::type_list<Xs...>) {
        std::mt19937 rng(opt.seed + 1);
        const std::tuple<Eigen::Matrix<double, Xs::rows, Eigen::Dynamic>...> data{
            random_input<Xs::rows>(Batch, rng, opt.input_lo, opt.input_hi)...};
        return std::apply([&](const auto&... d) { return f(given..., (Xs{} = d)...); }, data);
    }(missing{});
}
}  // namespace detail

template <int Batch, class Loss, class... Params, class... Given>
double second_order_law(Loss loss, exprnet::wrt_list<Params...> params, const second_order_options& opt, const Given&... given) {
    return detail::with_generated_inputs<Batch, Loss>(
        opt, [&](const auto&... b) { return check_second_order_with<exprnet::batch<Batch>>(loss, params, opt, b...); }, given...);
}
template <int Batch, class Loss, class... Params, class... Given>
    requires(is_binding_v<Given> && ...)
double second_order_law(Loss loss, exprnet::wrt_list<Params...> params, const Given&... given) {
    return second_order_law<Batch>(loss, params, second_order_options{}, given...);
}

/// The laws for compile<dynamic_batch, scalar_type<double>>, called with Columns columns.
template <int Columns, class Loss, class... Params, class... Given>
    requires(is_binding_v<Given> && ...)
double second_order_law_dynamic(Loss loss, exprnet::wrt_list<Params...> params, const Given&... given) {
    const second_order_options opt{};
    return detail::with_generated_inputs<Columns, Loss>(
        opt, [&](const auto&... b) { return check_second_order_with<exprnet::dynamic_batch>(loss, params, opt, b...); }, given...);
}

template <int Batch, class E, class... Params, class... Given>
double jvp_law(E expr, exprnet::wrt_list<Params...> params, const second_order_options& opt, const Given&... given) {
    return detail::with_generated_inputs<Batch, E>(
        opt, [&](const auto&... b) { return check_jvp_with<exprnet::batch<Batch>>(expr, params, opt, b...); }, given...);
}
template <int Batch, class E, class... Params, class... Given>
    requires(is_binding_v<Given> && ...)
double jvp_law(E expr, exprnet::wrt_list<Params...> params, const Given&... given) {
    return jvp_law<Batch>(expr, params, second_order_options{}, given...);
}

/// A two-layer softmax classifier around a hidden layer built from W1 * x + b1 (3 inputs, 4
/// hidden units, 3 classes, batch 5): the laws for the loss and the jvp law for the scores.
namespace nets {
inline constexpr auto x = exprnet::input<"x", 3>;
inline constexpr auto y = exprnet::input<"y", 3>;
inline constexpr auto W1 = exprnet::param<"W1", 4, 3>;
inline constexpr auto b1 = exprnet::param<"b1", 4>;
inline constexpr auto W2 = exprnet::param<"W2", 3, 4>;
inline constexpr auto b2 = exprnet::param<"b2", 3>;

template <int Batch, int Classes = 3>
Eigen::Matrix<double, Classes, Eigen::Dynamic> labels() {
    std::mt19937 rng(default_seed + 2);
    return one_hot<Classes>(Batch, rng);
}

template <class Hidden>
void check_classifier(Hidden) {
    using namespace exprnet;
    constexpr auto scores = W2 * Hidden{} + b2;
    const auto yb = labels<5>();
    BOOST_TEST(second_order_law<5>(softmax_cross_entropy(scores, y), wrt(W1, b1, W2, b2), y = yb) < 1e-6);
    BOOST_TEST(jvp_law<5>(scores, wrt(W1, b1, W2)) < 1e-6);
}
}  // namespace nets

}  // namespace exprnet_test
