// emit_c: the ops added in issue 14 that route or gate (silu, min, prelu with a slope per unit,
// hard_tanh) in one training step in float, as emitted C against the program's own loss and
// gradients. The emitted file defines and calls a helper for each op and for each mask or
// slope of their backward passes (sigmoid, [a ≥ b], [a < b], [x > 0], [|x| < 1]), and min(x, 0)
// for the slopes' gradient. The other new ops (gelu, softplus, abs, prelu with a shared slope),
// in double: emit_c.activations_double.cpp.
// The data are random, and every op sees both sides of its kinks: with this seed, min's
// operands cross, prelu's input takes both signs and hard_tanh's spans -1.1 to 2.2 (both
// saturations and the middle); a kink within rounding of the data has probability ~1e-7 per
// element, and the seed is fixed.
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
constexpr auto V = param<"V", 6, 4>;
constexpr auto a = param<"a", 6>;  // one slope per unit
constexpr auto W2 = param<"W2", 2, 6>;
constexpr auto h = min(silu(W1 * x + b1), prelu(V * x, a));
constexpr auto loss = mse(hard_tanh(W2 * h), y);
constexpr double tol = 1e-5;
}  // namespace

BOOST_AUTO_TEST_CASE(silu_min_prelu_hard_tanh_train_step) {
    reference::rng r(29);
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    p.for_each([&](auto, auto m) { reference::fill(m, r); });
    p[a].array() = p[a].array().abs() * 0.5f;  // slopes in [0, 0.5)
    const auto xb = reference::random<float>(4, n, r, 2.0);
    const auto yb = reference::random<float>(2, n, r);
    auto train = compile<batch<n>>(loss, wrt(W1, b1, V, a, W2));
    const double L = train(p, g, x = xb, y = yb);
    const std::string text = emit_c(train);
    for (const char* call : {"net_silu(", "expf(", "net_min(", "net_prelu(", "net_hard_tanh(", "net_sigmoid(", "net_ge_mask(",
                             "net_lt_mask(", "net_positive_mask(", "net_inside_unit_mask("})
        BOOST_TEST(text.find(call) != std::string::npos, call);
    const auto c = emit_c_driver::run("activations_float", text, emit_c_driver::train_driver(p, {{"x", xb}, {"y", yb}}));
    BOOST_TEST(rel_err(c.at("loss").at(0), L) <= tol);
    emit_c_driver::check_arena(c.at("grads"), g, tol, "gradient");
}
