// emit_c: CS231n's two-layer net W2 * relu(W1 * x + b1) + b2 with softmax cross-entropy and
// L2 (the seed's network, small sizes, batch 4): the emitted C forward pass and training step,
// built with the C compiler in strict C99 and run, against the program's own results.
// W2 (3x32) is stored row-major in the arena (eval/layout.hpp), so the C code's row-major
// reads and writes are exercised too; W1 * x is big enough to be a product step of its own
// (a GEMM in the program), W2 * h small enough to be fused into its reader.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/emit_c.hpp>

#include "support/emit_c_driver.hpp"

using namespace exprnet;
using namespace exprnet::literals;
using reference::rel_err;
using reference::wide;

namespace {
constexpr int n = 4;
constexpr auto x = input<"x", 24>;
constexpr auto y = input<"y", 3>;
constexpr auto W1 = param<"W1", 32, 24>;
constexpr auto b1 = param<"b1", 32>;
constexpr auto W2 = param<"W2", 3, 32>;
constexpr auto b2 = param<"b2", 3>;
constexpr auto scores = W2 * relu(W1 * x + b1) + b2;
constexpr auto loss = softmax_cross_entropy(scores, y) + 1e-3_c * (sum_sq(W1) + sum_sq(W2));
using arena_t = params_for<decltype(loss)>;
static_assert(arena_t::order_of<decltype(W2)> == Eigen::RowMajor);
constexpr double tol = 1e-5;

struct data {
    reference::rng r{7};
    arena_t p;
    reference::matrix_of<float> xb = reference::random<float>(24, n, r);
    reference::matrix_of<float> yb = reference::one_hot<float>(3, n, r);
    data() {
        p.for_each([&](auto, auto m) { reference::fill(m, r, 0.5); });
    }
};
}  // namespace

BOOST_AUTO_TEST_CASE(forward) {
    data d;
    auto infer = compile<batch<n>>(scores);
    const reference::mat expected = wide(infer(d.p, x = d.xb));
    const auto c = emit_c_driver::run("two_layer_forward", emit_c<arena_t>(infer), emit_c_driver::forward_driver(d.p, {{"x", d.xb}}));
    BOOST_TEST(rel_err(emit_c_driver::as_matrix(c.at("out"), 3, n), expected) <= tol);
}

BOOST_AUTO_TEST_CASE(train_step) {
    data d;
    grads_for<decltype(loss)> g;
    auto train = compile<batch<n>>(loss, wrt(W1, b1, W2, b2));
    const double L = train(d.p, g, x = d.xb, y = d.yb);
    const auto c = emit_c_driver::run("two_layer_train", emit_c(train), emit_c_driver::train_driver(d.p, {{"x", d.xb}, {"y", d.yb}}));
    BOOST_TEST(rel_err(c.at("loss").at(0), L) <= tol);
    emit_c_driver::check_arena(c.at("grads"), g, tol, "gradient");
}
