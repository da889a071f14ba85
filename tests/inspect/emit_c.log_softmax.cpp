// emit_c: log_softmax's column kernel in a training step in float, as emitted C against the
// program's own loss and gradients: the cross-entropy of one-hot labels written through it,
// -sum(y ⊙ log_softmax(s)) / N, with scores scaled by 64 so that most columns hold scores
// beyond expf's range (|s| > 88 in three of the four columns; here from -155 to 157): the
// kernel's shift by the column maximum keeps both finite.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/emit_c.hpp>

#include "support/emit_c_driver.hpp"

#include <cmath>
#include <string>

using namespace exprnet;
using namespace exprnet::literals;
using reference::rel_err;

namespace {
constexpr int n = 4;
constexpr auto x = input<"x", 3>;
constexpr auto y = input<"y", 5>;
constexpr auto W = param<"W", 5, 3>;
constexpr auto b = param<"b", 5>;
constexpr auto scores = 64_c * (W * x + b);
constexpr auto loss = -sum(hadamard(y, log_softmax(scores))) / count_leaf<1, batch_dim>{};
constexpr double tol = 1e-5;
}  // namespace

BOOST_AUTO_TEST_CASE(log_softmax_train_step) {
    reference::rng r(41);
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    p.for_each([&](auto, auto m) { reference::fill(m, r); });
    const auto xb = reference::random<float>(3, n, r, 2.0);
    const auto yb = reference::one_hot<float>(5, n, r);
    auto train = compile<batch<n>>(loss, wrt(W, b));
    const double L = train(p, g, x = xb, y = yb);
    BOOST_TEST(std::isfinite(L));
    const std::string text = emit_c(train);
    for (const char* piece : {"expf(", "logf(", "log_sum = logf(acc);", " - top) - log_sum;"})
        BOOST_TEST(text.find(piece) != std::string::npos, piece);
    // The inputs in the program's order, y first (it is read first: y ⊙ log_softmax(s)).
    BOOST_TEST(text.find("float net_train_step(const float *params, float *grads, const float *y, const float *x)") != std::string::npos);
    const auto c = emit_c_driver::run("log_softmax", text, emit_c_driver::train_driver(p, {{"y", yb}, {"x", xb}}));
    BOOST_TEST(rel_err(c.at("loss").at(0), L) <= tol);
    emit_c_driver::check_arena(c.at("grads"), g, tol, "gradient");
}
