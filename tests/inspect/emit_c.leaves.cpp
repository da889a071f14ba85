// emit_c: gradients that are (or read) leaves. d/dW sum(W * x) is a broadcast constant times
// xᵀ (a product whose left operand is a number, not a block in memory), and d/dW sum(W ⊙ V) is V
// itself, a gradient with no step of its own that the program copies after its steps. The
// training step and the fused SGD step as emitted C against the program's own results.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/emit_c.hpp>

#include "support/emit_c_driver.hpp"

using namespace exprnet;
using reference::rel_err;

namespace {
constexpr int n = 2;
constexpr auto x = input<"x", 3>;
constexpr auto W = param<"W", 2, 3>;
constexpr auto V = param<"V", 2, 3>;
constexpr auto product_loss = sum(hadamard(W, V)) + sum(W * x);
constexpr auto copy_loss = sum(hadamard(W, V));
using arena_t = params_for<decltype(product_loss)>;
constexpr double tol = 1e-5;
}  // namespace

BOOST_AUTO_TEST_CASE(constant_operand_and_copied_gradient) {
    reference::rng r(4);
    arena_t p;
    p.for_each([&](auto, auto m) { reference::fill(m, r); });
    const auto xb = reference::random<float>(3, n, r);

    grads_for<decltype(product_loss)> g;
    auto train = compile<batch<n>>(product_loss, wrt(W));
    const double L = train(p, g, x = xb);
    const auto c = emit_c_driver::run("leaves_product", emit_c(train), emit_c_driver::train_driver(p, {{"x", xb}}));
    BOOST_TEST(rel_err(c.at("loss").at(0), L) <= tol);
    emit_c_driver::check_arena(c.at("grads"), g, tol, "gradient");

    // dW = V: a job after the steps copies it (into grads, or subtracted from W in place).
    auto copy = compile<batch<n>>(copy_loss, wrt(W));
    const std::string text = emit_c<arena_t>(copy, c_options{.train_step = true, .sgd_step = true});
    BOOST_TEST(text.find("/* gradient, 2x3: dW = V */") != std::string::npos);
    BOOST_TEST(text.find("/* gradient, 2x3: W -= lr * V */") != std::string::npos);
    grads_for<decltype(product_loss)> gc;
    const double Lc = copy(p, gc);  // (no inputs)
    arena_t stepped = p;
    copy(stepped, sgd{0.5f});
    emit_c_driver::driver d = emit_c_driver::train_driver(p, {});
    d.array("start", p.data(), arena_t::size, false);
    d.line("net_sgd_step(start, 0.5f);");
    d.print("stepped", "start", "NET_PARAMS");
    const auto cc = emit_c_driver::run("leaves_copy", text, d);
    BOOST_TEST(rel_err(cc.at("loss").at(0), Lc) <= tol);
    emit_c_driver::check_arena(cc.at("grads"), gc, tol, "gradient");
    emit_c_driver::check_arena(cc.at("stepped"), stepped, tol, "param after the SGD step");
}
