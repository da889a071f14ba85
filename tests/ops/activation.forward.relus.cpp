// The forward values of the ReLU family against independent formulas, as in
// activation.forward.cpp (support/forward_check.hpp): compile<batch<8>, scalar_type<S>>(f(x))
// on random inputs in [-4, 4) plus the kink 0 and values near it, each element compared with
// a plain scalar loop, in double:
//   prelu      x > 0 ? x : a x, with a one slope per unit (param<"a", 5>, the five slopes
//              different) or one shared (param<"a", 1>), set in the params arena;
//   elu        x > 0 ? x : exp(x) - 1;
//   leaky_relu x > 0 ? x : 0.01 x (the default slope), and x > 0 ? x : 0.2 x (0.2_c).
// Float and double programs.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

#include "support/forward_check.hpp"

#include <cmath>

using namespace exprnet;
using namespace exprnet::literals;
using namespace forward_check;

namespace {
// At namespace scope: clang 14 leaves a literal operator `consteval` template called in a
// function template (these test cases) unevaluated, and the link fails on its symbol.
constexpr auto slope = 0.2_c;
}  // namespace

BOOST_AUTO_TEST_CASE_TEMPLATE(elu_is_exp_minus_one_below_zero, S, scalars) {
    check_unary<S>(elu(x), [](double v) { return v > 0 ? v : std::exp(v) - 1.0; });
}

BOOST_AUTO_TEST_CASE_TEMPLATE(leaky_relu_default_and_custom_slope, S, scalars) {
    check_unary<S>(leaky_relu(x), [](double v) { return v > 0 ? v : 0.01 * v; });
    check_unary<S>(leaky_relu(x, slope), [](double v) { return v > 0 ? v : 0.2 * v; }, 2);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(prelu_one_slope_per_unit, S, scalars) {
    constexpr auto a = param<"a", rows>;
    constexpr auto e = prelu(x, a);
    auto program = compile<batch<n>, scalar_type<S>>(e);
    params_for<decltype(e), S> p;
    reference::rng r(5);
    for (int i = 0; i < rows; ++i) p[a](i) = S(0.25 + 0.25 * r.uniform());  // in [0, 0.5), exact in float
    BOOST_TEST(p[a].minCoeff() != p[a].maxCoeff());                            // the units' slopes differ
    const block<S> xb = inputs<S>(6);
    check<S>(program(p, x = xb), [&](int i, int j) {
        const double v = xb(i, j);
        return v > 0 ? v : double(p[a](i)) * v;
    });
}

BOOST_AUTO_TEST_CASE_TEMPLATE(prelu_one_shared_slope, S, scalars) {
    constexpr auto a = param<"a", 1>;
    constexpr auto e = prelu(x, a);
    auto program = compile<batch<n>, scalar_type<S>>(e);
    params_for<decltype(e), S> p;
    p[a](0) = S(0.375);
    const block<S> xb = inputs<S>(7);
    check<S>(program(p, x = xb), [&](int i, int j) {
        const double v = xb(i, j);
        return v > 0 ? v : 0.375 * v;
    });
}
