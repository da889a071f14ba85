// emit_c: three layers. The relu forward pass W3 * relu(W2 * relu(W1 * x + b1) + b2) + b3, and
// CS231n's sigmoid three-layer net trained under the multiclass SVM loss (column sums and a
// broadcast row, relu masks), each as emitted C against the program's own results.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/emit_c.hpp>

#include "support/emit_c_driver.hpp"

#include <cstdint>
#include <string>

using namespace exprnet;
using reference::rel_err;
using reference::wide;

namespace {
constexpr int n = 3;
constexpr auto x = input<"x", 6>;
constexpr auto y = input<"y", 4>;
constexpr auto W1 = param<"W1", 8, 6>;
constexpr auto b1 = param<"b1", 8>;
constexpr auto W2 = param<"W2", 8, 8>;
constexpr auto b2 = param<"b2", 8>;
constexpr auto W3 = param<"W3", 4, 8>;
constexpr auto b3 = param<"b3", 4>;
constexpr auto relu_net = W3 * relu(W2 * relu(W1 * x + b1) + b2) + b3;
constexpr auto sigmoid_net = W3 * sigmoid(W2 * sigmoid(W1 * x + b1) + b2) + b3;
constexpr auto loss = svm_loss(sigmoid_net, y);
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

template <int N>
void check_train_step(std::uint64_t seed) {
    reference::rng r(seed);
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    p.for_each([&](auto, auto m) { reference::fill(m, r, 1.0); });
    const auto xb = reference::random<float>(6, N, r);
    const auto yb = reference::one_hot<float>(4, N, r);
    auto train = compile<batch<N>>(loss, wrt(W1, b1, W2, b2, W3, b3));
    const double L = train(p, g, x = xb, y = yb);
    BOOST_TEST(L > 0.0);  // some margins are violated: the masks route something
    const auto c = emit_c_driver::run("three_layer_train" + std::to_string(N), emit_c(train), emit_c_driver::train_driver(p, {{"x", xb}, {"y", yb}}));
    BOOST_TEST(rel_err(c.at("loss").at(0), L) <= tol);
    emit_c_driver::check_arena(c.at("grads"), g, tol, "gradient");
}

BOOST_AUTO_TEST_CASE(sigmoid_svm_train_step) { check_train_step<n>(12); }

// One sample per call: blocks are vectors, and the code has no loop over the batch.
BOOST_AUTO_TEST_CASE(sigmoid_svm_train_step_batch_one) { check_train_step<1>(13); }
