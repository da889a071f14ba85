// emit_c: a Maxout layer max(W1 * x + b1, W2 * x + b2) under a softmax classifier
// (support/small_nets_checks.hpp): the forward pass of h, and the training step, whose
// gradient is routed by the masks [z1 >= z2] and [z1 < z2], as emitted C against the program.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/emit_c.hpp>

#include "support/emit_c_driver.hpp"
#include "support/small_nets_checks.hpp"

using namespace exprnet;
using reference::rel_err;
using reference::wide;

BOOST_AUTO_TEST_CASE(maxout) {
    using namespace small_nets::maxout;
    constexpr int n = 7;
    constexpr double tol = 1e-5;
    reference::rng r(99);
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    p.for_each([&](auto, auto m) { reference::fill(m, r); });
    const auto xb = reference::random<float>(6, n, r);
    const auto yb = reference::one_hot<float>(4, n, r);

    auto forward = compile<batch<n>>(h);
    const reference::mat hb = wide(forward(p, x = xb));
    const auto c = emit_c_driver::run("maxout_forward", emit_c<params_for<decltype(loss)>>(forward), emit_c_driver::forward_driver(p, {{"x", xb}}));
    BOOST_TEST(rel_err(emit_c_driver::as_matrix(c.at("out"), 5, n), hb) <= tol);

    auto train = compile<batch<n>>(loss, wrt(W1, b1, W2, b2, W3));
    const double L = train(p, g, x = xb, y = yb);
    const std::string text = emit_c(train);
    BOOST_TEST(text.find("net_ge_mask(") != std::string::npos);  // both routes are in the code
    BOOST_TEST(text.find("net_lt_mask(") != std::string::npos);
    const auto ct = emit_c_driver::run("maxout_train", text, emit_c_driver::train_driver(p, {{"x", xb}, {"y", yb}}));
    BOOST_TEST(rel_err(ct.at("loss").at(0), L) <= tol);
    emit_c_driver::check_arena(ct.at("grads"), g, tol, "gradient");
}
