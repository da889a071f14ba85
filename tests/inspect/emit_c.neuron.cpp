// emit_c: CS231n's sigmoid neuron sigmoid(w * x + b) in double (the emitted code is then in
// double, with exp/log): its forward pass and its training step under mse, against the
// program's own results.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/emit_c.hpp>

#include "support/emit_c_driver.hpp"

using namespace exprnet;
using reference::rel_err;
using reference::wide;

namespace {
constexpr int n = 5;
constexpr auto x = input<"x", 3>;
constexpr auto t = input<"t", 1>;
constexpr auto w = param<"w", 1, 3>;
constexpr auto b = param<"b", 1>;
constexpr auto f = sigmoid(w * x + b);
constexpr auto fit = mse(f, t);
using arena_t = params_for<decltype(fit), double>;
constexpr double tol = 1e-5;
}  // namespace

BOOST_AUTO_TEST_CASE(neuron_double) {
    reference::rng r(5);
    arena_t p;
    grads_for<decltype(fit), double> g;
    p.for_each([&](auto, auto m) { reference::fill(m, r, 2.0); });
    const auto xb = reference::random<double>(3, n, r);
    const auto tb = reference::random<double>(1, n, r);

    auto infer = compile<batch<n>, scalar_type<double>>(f);
    const reference::mat expected = wide(infer(p, x = xb));
    const std::string forward_c = emit_c<arena_t>(infer);
    BOOST_TEST(forward_c.find("double net_forward(") == std::string::npos);  // void, in double:
    BOOST_TEST(forward_c.find("void net_forward(const double *params, const double *x, double *out)") != std::string::npos);
    const auto c = emit_c_driver::run("neuron_forward", forward_c, emit_c_driver::forward_driver(p, {{"x", xb}}));
    BOOST_TEST(rel_err(emit_c_driver::as_matrix(c.at("out"), 1, n), expected) <= tol);

    auto train = compile<batch<n>, scalar_type<double>>(fit, wrt(w, b));
    const double L = train(p, g, x = xb, t = tb);
    const auto ct = emit_c_driver::run("neuron_train", emit_c(train), emit_c_driver::train_driver(p, {{"x", xb}, {"t", tb}}));
    BOOST_TEST(rel_err(ct.at("loss").at(0), L) <= tol);
    emit_c_driver::check_arena(ct.at("grads"), g, tol, "gradient");
}
