/// @file
/// The finite-difference law for exprnet's compile-time backward pass.
///
///   exprnet_test::check_gradients<Batch>(loss, wrt(W1, b1), x = xb, y = yb);
///
/// compiles `compile<batch<Batch>, scalar_type<double>>(loss, wrt(params...))`, fills every
/// param with seeded random values, runs the program once for the analytic gradients, then for
/// EVERY scalar of every listed param evaluates the central difference
/// (L(p + h) - L(p - h)) / 2h with the same program's returned loss, and checks, per param,
///
///   ‖analytic − numeric‖ / max(‖analytic‖, ‖numeric‖, 1e-12) < 1e-6.
///
/// It also checks that the gradient is not identically zero (a vacuous pass), unless told
/// otherwise. The usual entry point generates the data of every input not given:
///
///   exprnet_test::law<3>(loss, wrt(W, b), y = labels);   // batch<3>
///   exprnet_test::law_dynamic<19>(loss, wrt(W, b));      // dynamic_batch, called with 19 columns
///
/// Kinks (relu, max, leaky_relu, elu at 0; the hinge of svm_loss): the data are continuous random
/// numbers and h = 1e-6, so a pre-activation within h of a kink has probability ~1e-6 per
/// element; with fixed seeds the tests are deterministic, so such a tie would show up at once as
/// a reproducible failure, never as flakiness.
#pragma once

#include <exprnet/exprnet.hpp>

#include <boost/test/unit_test.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>

namespace exprnet_test {

/// The seed of every random number in the tests (std::mt19937 is specified exactly by the
/// standard; the distributions below are hand-written so both libstdc++ and libc++ agree).
inline constexpr std::uint32_t default_seed = 5489u;

/// Uniform in [lo, hi), independent of the standard library's distribution implementations.
inline double uniform(std::mt19937& rng, double lo = -1.0, double hi = 1.0) {
    const double unit = double(rng()) / 4294967296.0;  // rng() is 32 bits: [0, 1)
    return lo + (hi - lo) * unit;
}

/// A Rows x batch matrix of uniform values in [lo, hi): data for `input<"x", Rows>`.
template <int Rows>
Eigen::Matrix<double, Rows, Eigen::Dynamic> random_input(int batch, std::mt19937& rng, double lo = -1.0,
                                                         double hi = 1.0) {
    Eigen::Matrix<double, Rows, Eigen::Dynamic> m(Rows, batch);
    for (Eigen::Index j = 0; j < m.cols(); ++j)
        for (Eigen::Index i = 0; i < m.rows(); ++i) m(i, j) = uniform(rng, lo, hi);
    return m;
}

/// One-hot labels, Classes x batch: column j has a single 1 at a random row.
template <int Classes>
Eigen::Matrix<double, Classes, Eigen::Dynamic> one_hot(int batch, std::mt19937& rng) {
    Eigen::Matrix<double, Classes, Eigen::Dynamic> m = Eigen::Matrix<double, Classes, Eigen::Dynamic>::Zero(Classes, batch);
    for (Eigen::Index j = 0; j < m.cols(); ++j) m(Eigen::Index(rng() % Classes), j) = 1.0;
    return m;
}

struct gradcheck_options {
    double h = 1e-6;                 ///< central-difference step
    double tolerance = 1e-6;         ///< bound on the relative error, per param
    double param_lo = -1.0;          ///< params are uniform in [param_lo, param_hi)
    double param_hi = 1.0;
    double input_lo = -1.0;          ///< inputs that law() generates are uniform in [input_lo, input_hi)
    double input_hi = 1.0;
    bool allow_zero_gradient = false;
    std::uint32_t seed = default_seed;
};

template <class T>
inline constexpr bool is_binding_v = false;
template <class Leaf, class Value>
inline constexpr bool is_binding_v<exprnet::binding<Leaf, Value>> = true;

/// ‖a − n‖ / max(‖a‖, ‖n‖, 1e-12).
template <class A, class N>
double relative_error(const A& analytic, const N& numeric) {
    const double scale = std::max({analytic.norm(), numeric.norm(), 1e-12});
    return (analytic - numeric).norm() / scale;
}

/// Checks one param's gradient: the relative error, and that it is not vacuously zero.
inline void report(std::string_view name, const Eigen::MatrixXd& a, const Eigen::MatrixXd& numeric,
                   const gradcheck_options& opt, double& worst) {
    const double err = relative_error(a, numeric);
    worst = std::max(worst, err);
    BOOST_TEST(err < opt.tolerance, "d/d" << name << ": relative error " << err << "\nanalytic:\n"
                                          << a << "\nnumeric:\n"
                                          << numeric);
    if (!opt.allow_zero_gradient)
        BOOST_TEST(std::max(a.norm(), numeric.norm()) > 1e-9, "d/d" << name << " is zero: the check would be vacuous");
}

/// The law, for a program compiled with BatchOption (batch<N> or dynamic_batch) and data of
/// Batch columns. Returns the largest relative error seen (for information).
template <class BatchOption, int Batch, class Loss, class... Params, class... Bindings>
    requires(is_binding_v<Bindings> && ...)
double check_gradients_with(Loss loss, exprnet::wrt_list<Params...> params, const gradcheck_options& opt,
                            const Bindings&... bindings) {
    static_assert(Loss::rows == 1 && Loss::cols == 1, "gradcheck: the loss must be 1x1");
    using namespace exprnet;
    auto train = compile<BatchOption, scalar_type<double>>(loss, params);

    params_for<Loss, double> p;
    grads_for<Loss, double> g;
    std::mt19937 rng(opt.seed);
    p.for_each([&](auto, auto map) {
        for (Eigen::Index j = 0; j < map.cols(); ++j)
            for (Eigen::Index i = 0; i < map.rows(); ++i) map(i, j) = uniform(rng, opt.param_lo, opt.param_hi);
    });
    g.set_zero();

    // One call site for the program: fewer inlined copies of it, a faster build.
    const auto run = [&]() -> double { return train(p, g, bindings...); };
    const double loss_value = run();
    BOOST_TEST_CONTEXT(to_string(loss) << " at batch " << Batch << (std::is_same_v<BatchOption, dynamic_batch> ? " (dynamic)" : "")
                                       << ", loss " << loss_value) {
        BOOST_TEST(std::isfinite(loss_value));
        const auto analytic = g;  // the arena is a value: the next calls overwrite g
        double worst = 0.0;
        const auto one = [&](auto param) {
            using P = decltype(param);
            Eigen::MatrixXd numeric(P::rows, P::cols);
            auto w = p[param];
            for (Eigen::Index j = 0; j < w.cols(); ++j) {
                for (Eigen::Index i = 0; i < w.rows(); ++i) {
                    const double saved = w(i, j);
                    w(i, j) = saved + opt.h;
                    const double up = run();
                    w(i, j) = saved - opt.h;
                    const double down = run();
                    w(i, j) = saved;
                    numeric(i, j) = (up - down) / (2.0 * opt.h);
                }
            }
            // One dynamic type for the comparison and the printing: fewer instantiations per test.
            const Eigen::MatrixXd a = analytic[param];
            report(P::name.view(), a, numeric, opt, worst);
        };
        (one(Params{}), ...);
        return worst;
    }
    return 0.0;
}

/// The law for compile<batch<Batch>, scalar_type<double>>.
template <int Batch, class Loss, class... Params, class... Bindings>
    requires(is_binding_v<Bindings> && ...)
double check_gradients(Loss loss, exprnet::wrt_list<Params...> params, const gradcheck_options& opt,
                       const Bindings&... bindings) {
    return check_gradients_with<exprnet::batch<Batch>, Batch>(loss, params, opt, bindings...);
}

template <int Batch, class Loss, class... Params, class... Bindings>
    requires(is_binding_v<Bindings> && ...)
double check_gradients(Loss loss, exprnet::wrt_list<Params...> params, const Bindings&... bindings) {
    return check_gradients<Batch>(loss, params, gradcheck_options{}, bindings...);
}

namespace detail {
template <class... Given>
struct not_given {
    template <class X>
    struct test : std::bool_constant<!(std::is_same_v<X, typename Given::leaf_type> || ...)> {};
};
}  // namespace detail

/// The law with generated data: every input of the loss that is not given a binding gets a
/// uniform random Rows x Batch matrix (seeded from opt.seed); pass the labels yourself
/// (`y = one_hot<C>(Batch, rng)`).
template <class BatchOption, int Batch, class Loss, class... Params, class... Given>
    requires(is_binding_v<Given> && ...)
double law_with(Loss loss, exprnet::wrt_list<Params...> params, const gradcheck_options& opt, const Given&... given) {
    using missing = typename exprnet::detail::filter<exprnet::inputs_of_t<Loss>,
                                                     detail::not_given<Given...>::template test>::type;
    return [&]<class... Xs>(exprnet::detail::type_list<Xs...>) {
        std::mt19937 rng(opt.seed + 1);
        // Braced initialisation runs left to right: the data do not depend on the compiler.
        const std::tuple<Eigen::Matrix<double, Xs::rows, Eigen::Dynamic>...> data{
            random_input<Xs::rows>(Batch, rng, opt.input_lo, opt.input_hi)...};
        return std::apply(
            [&](const auto&... d) {
                return check_gradients_with<BatchOption, Batch>(loss, params, opt, given..., (Xs{} = d)...);
            },
            data);
    }(missing{});
}

/// The law with generated data for compile<batch<Batch>, scalar_type<double>>.
template <int Batch, class Loss, class... Params, class... Given>
    requires(is_binding_v<Given> && ...)
double law(Loss loss, exprnet::wrt_list<Params...> params, const gradcheck_options& opt, const Given&... given) {
    return law_with<exprnet::batch<Batch>, Batch>(loss, params, opt, given...);
}

template <int Batch, class Loss, class... Params, class... Given>
    requires(is_binding_v<Given> && ...)
double law(Loss loss, exprnet::wrt_list<Params...> params, const Given&... given) {
    return law<Batch>(loss, params, gradcheck_options{}, given...);
}

/// The law for compile<dynamic_batch, scalar_type<double>>, called with Columns columns (pick
/// more than exprnet's product chunk, 16, and not a multiple of it, to reach every code path).
template <int Columns, class Loss, class... Params, class... Given>
    requires(is_binding_v<Given> && ...)
double law_dynamic(Loss loss, exprnet::wrt_list<Params...> params, const Given&... given) {
    return law_with<exprnet::dynamic_batch, Columns>(loss, params, gradcheck_options{}, given...);
}

}  // namespace exprnet_test
