// emit_c with baked parameters (emit_c(program, p, options)): the values are printed so that
// they read back exactly, so the baked forward pass and training step give the same numbers
// as the same code with the params passed in, bit for bit, and the program's within 1e-5.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/emit_c.hpp>

#include "support/emit_c_driver.hpp"

using namespace exprnet;
using reference::rel_err;
using reference::wide;

namespace {
constexpr int n = 2;
constexpr auto x = input<"x", 5>;
constexpr auto y = input<"y", 3>;
constexpr auto W1 = param<"W1", 7, 5>;
constexpr auto b1 = param<"b1", 7>;
constexpr auto W2 = param<"W2", 3, 7>;
constexpr auto scores = W2 * elu(W1 * x + b1);
constexpr auto loss = softmax_cross_entropy(scores, y);
using arena_t = params_for<decltype(loss)>;
constexpr double tol = 1e-5;
}  // namespace

BOOST_AUTO_TEST_CASE(baked_equals_passed) {
    reference::rng r(8);
    arena_t p;
    grads_for<decltype(loss)> g;
    // Values with all 24 bits of a float's significand used: %.9g must round-trip them.
    p.for_each([&](auto, auto m) { reference::fill(m, r, 1.0 / 3.0); });
    const auto xb = reference::random<float>(5, n, r);
    const auto yb = reference::one_hot<float>(3, n, r);

    auto infer = compile<batch<n>>(scores);
    const reference::mat expected = wide(infer(p, x = xb));
    const std::string baked = emit_c(infer, p);
    BOOST_TEST(baked.find("static const float net_params[NET_PARAMS] = {") != std::string::npos);
    BOOST_TEST(baked.find("void net_forward(const float *x, float *out)") != std::string::npos);
    emit_c_driver::driver d;
    d.matrix("x", xb);
    d.zeros<float>("out", "NET_SIZE_OUT");
    d.line("net_forward(x, out);");
    d.print("out", "out", "NET_SIZE_OUT");
    const auto cb = emit_c_driver::run("baked_forward", baked, d);
    const auto cp = emit_c_driver::run("passed_forward", emit_c<arena_t>(infer), emit_c_driver::forward_driver(p, {{"x", xb}}));
    BOOST_TEST(cb.at("out") == cp.at("out"));
    BOOST_TEST(rel_err(emit_c_driver::as_matrix(cb.at("out"), 3, n), expected) <= tol);

    auto train = compile<batch<n>>(loss, wrt(W1, b1, W2));
    const double L = train(p, g, x = xb, y = yb);
    emit_c_driver::driver t;
    t.matrix("x", xb);
    t.matrix("y", yb);
    t.zeros<float>("grads", "NET_PARAMS");
    t.line("const float loss = net_train_step(grads, x, y);");
    t.print("loss", "&loss", "1");
    t.print("grads", "grads", "NET_PARAMS");
    const auto ct = emit_c_driver::run("baked_train", emit_c(train, p), t);
    const auto ctp = emit_c_driver::run("passed_train", emit_c(train), emit_c_driver::train_driver(p, {{"x", xb}, {"y", yb}}));
    BOOST_TEST(ct.at("loss") == ctp.at("loss"));
    BOOST_TEST(ct.at("grads") == ctp.at("grads"));
    BOOST_TEST(rel_err(ct.at("loss").at(0), L) <= tol);
    emit_c_driver::check_arena(ct.at("grads"), g, tol, "gradient");
}
