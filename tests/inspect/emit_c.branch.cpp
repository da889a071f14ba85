// emit_c: a network with a branch, h = tanh(W1 * x + b1) read by two products,
// out = W2 * h + W3 * h: h is computed once into a buffer and its gradient sums both
// branches. The emitted training step against the program's own results.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/emit_c.hpp>

#include "support/emit_c_driver.hpp"

using namespace exprnet;
using reference::rel_err;

namespace {
constexpr int n = 4;
constexpr auto x = input<"x", 5>;
constexpr auto y = input<"y", 3>;
constexpr auto W1 = param<"W1", 6, 5>;
constexpr auto b1 = param<"b1", 6>;
constexpr auto W2 = param<"W2", 3, 6>;
constexpr auto W3 = param<"W3", 3, 6>;
constexpr auto h = tanh(W1 * x + b1);
constexpr auto out = W2 * h + W3 * h;
constexpr auto loss = softmax_cross_entropy(out, y);
constexpr double tol = 1e-5;
}  // namespace

BOOST_AUTO_TEST_CASE(branch_train_step) {
    reference::rng r(3);
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    p.for_each([&](auto, auto m) { reference::fill(m, r, 0.5); });
    const auto xb = reference::random<float>(5, n, r);
    const auto yb = reference::one_hot<float>(3, n, r);
    auto train = compile<batch<n>>(loss, wrt(W1, b1, W2, W3));
    const double L = train(p, g, x = xb, y = yb);
    const std::string text = emit_c(train);
    BOOST_TEST(text.find("tanhf(") != std::string::npos);
    const auto c = emit_c_driver::run("branch_train", text, emit_c_driver::train_driver(p, {{"x", xb}, {"y", yb}}));
    BOOST_TEST(rel_err(c.at("loss").at(0), L) <= tol);
    emit_c_driver::check_arena(c.at("grads"), g, tol, "gradient");
}
