// emit_c at batch 1 (one sample per call): every block is a vector and the code has no loop over
// the batch. CS231n's sigmoid three-layer net under the multiclass SVM loss, its training step
// as emitted C against the program's own results.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/emit_c.hpp>

#include "support/emit_c_driver.hpp"

using namespace exprnet;
using reference::rel_err;

namespace {
constexpr auto x = input<"x", 6>;
constexpr auto y = input<"y", 4>;
constexpr auto W1 = param<"W1", 8, 6>;
constexpr auto b1 = param<"b1", 8>;
constexpr auto W2 = param<"W2", 8, 8>;
constexpr auto b2 = param<"b2", 8>;
constexpr auto W3 = param<"W3", 4, 8>;
constexpr auto b3 = param<"b3", 4>;
constexpr auto sigmoid_net = W3 * sigmoid(W2 * sigmoid(W1 * x + b1) + b2) + b3;
constexpr auto loss = svm_loss(sigmoid_net, y);
constexpr double tol = 1e-5;
}  // namespace

BOOST_AUTO_TEST_CASE(sigmoid_svm_train_step_batch_one) {
    constexpr int N = 1;
    reference::rng r(13);
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    p.for_each([&](auto, auto m) { reference::fill(m, r, 1.0); });
    const auto xb = reference::random<float>(6, N, r);
    const auto yb = reference::one_hot<float>(4, N, r);
    auto train = compile<batch<N>>(loss, wrt(W1, b1, W2, b2, W3, b3));
    const double L = train(p, g, x = xb, y = yb);
    BOOST_TEST(L > 0.0);  // some margins are violated: the masks route something
    const auto c = emit_c_driver::run("batch_one_train", emit_c(train), emit_c_driver::train_driver(p, {{"x", xb}, {"y", yb}}));
    BOOST_TEST(rel_err(c.at("loss").at(0), L) <= tol);
    emit_c_driver::check_arena(c.at("grads"), g, tol, "gradient");
}
