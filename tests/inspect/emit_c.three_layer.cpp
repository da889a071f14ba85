// emit_c: the three-layer relu forward pass W3 * relu(W2 * relu(W1 * x + b1) + b2) + b3 as
// emitted C against the program's own results (emit_c.svm.cpp: a three-layer training step).
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/emit_c.hpp>

#include "support/emit_c_driver.hpp"

using namespace exprnet;
using reference::rel_err;
using reference::wide;

namespace {
constexpr int n = 3;
constexpr auto x = input<"x", 6>;
constexpr auto W1 = param<"W1", 8, 6>;
constexpr auto b1 = param<"b1", 8>;
constexpr auto W2 = param<"W2", 8, 8>;
constexpr auto b2 = param<"b2", 8>;
constexpr auto W3 = param<"W3", 4, 8>;
constexpr auto b3 = param<"b3", 4>;
constexpr auto relu_net = W3 * relu(W2 * relu(W1 * x + b1) + b2) + b3;
constexpr double tol = 1e-5;
}  // namespace

BOOST_AUTO_TEST_CASE(relu_forward) {
    reference::rng r(11);
    params_for<decltype(relu_net)> p;
    p.for_each([&](auto, auto m) { reference::fill(m, r, 0.5); });
    const auto xb = reference::random<float>(6, n, r);
    auto infer = compile<batch<n>>(relu_net);
    const reference::mat expected = wide(infer(p, x = xb));
    const auto c = emit_c_driver::run("three_layer_forward", emit_c(infer), emit_c_driver::forward_driver(p, {{"x", xb}}));
    BOOST_TEST(rel_err(emit_c_driver::as_matrix(c.at("out"), 4, n), expected) <= tol);
}
