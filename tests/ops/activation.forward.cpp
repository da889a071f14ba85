// The forward values of the activations added in issue 14 (ops/activation.hpp) and of min
// (ops/arithmetic.hpp) against independent formulas: compile<batch<8>, scalar_type<S>>(f(x))
// on random inputs in [-4, 4) plus chosen values on the kinks (0, ±1), each element compared
// with a plain scalar loop over <cmath>'s textbook forms, computed in double from the same
// (float-exact) inputs (support/forward_check.hpp; tolerances there):
//   softplus  log(1 + exp(x)) (and x + exp(-x), exp(x) where exp(-|x|) is negligible);
//   abs       std::fabs;
//   silu      x / (1 + exp(-x));
//   gelu      0.5 x (1 + tanh(sqrt(2/π) (x + 0.044715 x³))), π from <numbers>;
//   hard_tanh std::clamp(x, -1, 1);
//   min       std::min(a, b), with ties.
// Float and double programs. The ReLU family (prelu, elu, leaky_relu): activation.forward.relus.cpp.
// softplus is also checked at ±30, ±80 and ±100 in float, ±800 in double (where exp(x)
// overflows): its stable form max(x, 0) + log1p(exp(-|x|)) stays finite and right there.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

#include "support/forward_check.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <numbers>

using namespace exprnet;
using namespace forward_check;

namespace {

double softplus_formula(double v) {
    // log(1 + exp(v)), the definition, for |v| < 30 (the rounding of 1 + exp(v) is far below the
    // tolerance, relative to max(1, |softplus|)); beyond, where exp(-|v|) < 1e-13, its
    // first-order forms, exact to the rounding of a double.
    if (v >= 30) return v + std::exp(-v);
    if (v <= -30) return std::exp(v);
    return std::log(1.0 + std::exp(v));
}

}  // namespace

BOOST_AUTO_TEST_CASE_TEMPLATE(softplus_is_log_one_plus_exp, S, scalars) {
    check_unary<S>(softplus(x), softplus_formula);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(softplus_at_large_magnitudes, S, scalars) {
    auto program = compile<batch<n>, scalar_type<S>>(softplus(x));
    const params_for<decltype(softplus(x)), S> p;
    // exp(±30) and exp(±80) fit in a float; exp(100) overflows a float and exp(800) a double:
    // there the naive log(1 + exp(x)) is inf (and at -30 in float it is 0: 1 + exp(-30) is 1).
    constexpr double far = std::is_same_v<S, double> ? 800.0 : 100.0;
    const double large[] = {30, -30, 80, -80, far, -far};
    block<S> xb;
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < rows; ++i) xb(i, j) = S(large[(i + rows * j) % 6]);
    const auto out = program(p, x = xb);
    check<S>(out, [&](int i, int j) { return softplus_formula(double(xb(i, j))); });
    // Where exp(-x) is below half an ulp of x, softplus(x) is x itself (80, and 100 or 800),
    // with no overflow on the way.
    BOOST_TEST(out(2, 0) == S(80));
    BOOST_TEST(out(4, 0) == S(large[4]));
    // Far below 0, softplus(x) = log1p(u) = u - u²/2 + ..., u = exp(x), to the last bits
    // (log1p keeps the tiny value that log(1 + u) would round away).
    const auto series = [](double u) { return u - u * u / 2; };
    BOOST_TEST(std::abs(double(out(1, 0)) / series(std::exp(-30.0)) - 1.0) <= tolerance<S>);
    BOOST_TEST(std::abs(double(out(3, 0)) / series(std::exp(-80.0)) - 1.0) <= tolerance<S>);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(abs_is_fabs, S, scalars) {
    check_unary<S>(abs(x), [](double v) { return std::fabs(v); });
}

BOOST_AUTO_TEST_CASE_TEMPLATE(silu_is_x_times_sigmoid, S, scalars) {
    check_unary<S>(silu(x), [](double v) { return v / (1.0 + std::exp(-v)); });
}

BOOST_AUTO_TEST_CASE_TEMPLATE(gelu_is_the_tanh_form, S, scalars) {
    const double c = std::sqrt(2.0 / std::numbers::pi);
    check_unary<S>(gelu(x), [c](double v) { return 0.5 * v * (1.0 + std::tanh(c * (v + 0.044715 * v * v * v))); });
}

BOOST_AUTO_TEST_CASE_TEMPLATE(hard_tanh_clamps_to_the_unit_interval, S, scalars) {
    check_unary<S>(hard_tanh(x), [](double v) { return std::clamp(v, -1.0, 1.0); });
}

BOOST_AUTO_TEST_CASE_TEMPLATE(min_is_elementwise, S, scalars) {
    constexpr auto e = min(x, y);
    auto program = compile<batch<n>, scalar_type<S>>(e);
    const params_for<decltype(e), S> p;
    const block<S> xb = inputs<S>(3);
    block<S> yb = inputs<S>(4);
    yb.col(2) = xb.col(2);  // ties
    check<S>(program(p, x = xb, y = yb), [&](int i, int j) { return std::min(double(xb(i, j)), double(yb(i, j))); });
}
