// emit_c: the smooth ops added in issue 14 (gelu, softplus), abs and prelu with one shared
// slope in one training step in double, as emitted C against the program's own loss and
// gradients: the emitted code is in double, with <math.h>'s tanh, exp, log1p and fabs and
// 17-digit literals, and it defines and calls a helper for each op and for each slope of their
// backward passes (sign, [x > 0], sigmoid), and min(x, 0) for the slope's gradient. The other
// new ops, in float: emit_c.activations.cpp.
// The data are random, and every op sees both sides of its kinks: with this seed, the input of
// prelu, abs and softplus takes both signs (5 positive, 1 negative), as does gelu's; a kink within rounding of
// the data has probability ~1e-16 per element, and the seed is fixed.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/emit_c.hpp>

#include "support/emit_c_driver.hpp"

#include <string>

using namespace exprnet;
using reference::rel_err;

namespace {
constexpr int n = 3;
constexpr auto x = input<"x", 4>;
constexpr auto y = input<"y", 2>;
constexpr auto W1 = param<"W1", 6, 4>;
constexpr auto b1 = param<"b1", 6>;
constexpr auto W2 = param<"W2", 2, 6>;
constexpr auto s = param<"s", 1>;  // one shared slope
constexpr auto v = W2 * gelu(W1 * x + b1);
constexpr auto loss = mse(softplus(v) - abs(prelu(v, s)), y);
constexpr double tol = 1e-12;
}  // namespace

BOOST_AUTO_TEST_CASE(gelu_softplus_abs_shared_prelu_train_step) {
    reference::rng r(31);
    params_for<decltype(loss), double> p;
    grads_for<decltype(loss), double> g;
    p.for_each([&](auto, auto m) { reference::fill(m, r); });
    p[s](0) = 0.25;
    const auto xb = reference::random<double>(4, n, r, 2.0);
    const auto yb = reference::random<double>(2, n, r);
    auto train = compile<batch<n>, scalar_type<double>>(loss, wrt(W1, b1, W2, s));
    const double L = train(p, g, x = xb, y = yb);
    const std::string text = emit_c(train);
    for (const char* call : {"net_gelu(", " tanh(", "net_softplus(", "log1p(", "exp(", "fabs(", "net_prelu(", "net_sign(",
                             "net_positive_mask(", "net_sigmoid(", "net_min("})
        BOOST_TEST(text.find(call) != std::string::npos, call);
    for (const char* single : {"tanhf(", "expf(", "log1pf(", "fabsf("})  // no float function in double code
        BOOST_TEST(text.find(single) == std::string::npos, single);
    const auto c = emit_c_driver::run("activations_double", text, emit_c_driver::train_driver(p, {{"x", xb}, {"y", yb}}));
    BOOST_TEST(rel_err(c.at("loss").at(0), L) <= tol);
    emit_c_driver::check_arena(c.at("grads"), g, tol, "gradient");
}
