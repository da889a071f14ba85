// emit_c: the elementwise ops the other emit_c tests do not reach (leaky_relu and its slope,
// exp, log, square, negation, division, a mean, constants broadcast to a block) and a term on
// the params alone, in one training step, as emitted C against the program's own results.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/emit_c.hpp>

#include "support/emit_c_driver.hpp"

using namespace exprnet;
using namespace exprnet::literals;
using reference::rel_err;

namespace {
constexpr int n = 3;
constexpr auto x = input<"x", 4>;
constexpr auto y = input<"y", 2>;
constexpr auto W1 = param<"W1", 6, 4>;
constexpr auto b1 = param<"b1", 6>;
constexpr auto W2 = param<"W2", 2, 6>;
constexpr auto u = W2 * leaky_relu(W1 * x + b1, 0.2_c);
constexpr auto v = exp(-square(u)) / (1_c + square(u));
constexpr auto loss = mse(v, y) + 1e-2_c * sum(log(1_c + exp(W2)));
constexpr double tol = 1e-5;
}  // namespace

BOOST_AUTO_TEST_CASE(ops_train_step) {
    reference::rng r(17);
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    p.for_each([&](auto, auto m) { reference::fill(m, r, 0.5); });
    const auto xb = reference::random<float>(4, n, r);
    const auto yb = reference::random<float>(2, n, r);
    auto train = compile<batch<n>>(loss, wrt(W1, b1, W2));
    const double L = train(p, g, x = xb, y = yb);
    const std::string text = emit_c(train);
    for (const char* call : {"net_leaky_relu(", "net_leaky_slope(", "expf(", "logf(", "net_square("})
        BOOST_TEST(text.find(call) != std::string::npos, call);
    const auto c = emit_c_driver::run("ops_train", text, emit_c_driver::train_driver(p, {{"x", xb}, {"y", yb}}));
    BOOST_TEST(rel_err(c.at("loss").at(0), L) <= tol);
    emit_c_driver::check_arena(c.at("grads"), g, tol, "gradient");
}
