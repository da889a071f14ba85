// The fused SGD call (eval/sgd.hpp): `train(p, sgd{lr}, ...)` must leave p exactly where the
// gradient-arena call followed by p -= lr * g leaves it, and both must match CS231n's
// two-layer net stepped by hand (support/reference_nets.hpp), whatever the order of wrt(...)
// (which changes the order of the update steps), for one sample and for a batch, with both
// storage orders of a weight.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

#include "support/reference_nets.hpp"

#include <memory>

using namespace exprnet;
using namespace exprnet::literals;

namespace {

constexpr auto x = input<"x", 20>;
constexpr auto y = input<"y", 3>;
constexpr auto W1 = param<"W1", 30, 20>;
constexpr auto b1 = param<"b1", 30>;
constexpr auto W2 = param<"W2", 3, 30>;
constexpr auto b2 = param<"b2", 3>;
constexpr auto scores = W2 * relu(W1 * x + b1) + b2;
constexpr auto data_loss = softmax_cross_entropy(scores, y);
constexpr auto loss = data_loss + 1e-2_c * (sum_sq(W1) + sum_sq(W2));
using arena_t = params_for<decltype(loss)>;
// One sample's weight gradients are rank-1 products a bᵀ, written along the slot's storage
// order (eval/evaluator.hpp): W2 (fewer rows than a SIMD packet) is row-major, W1 column-major.
// Without the regulariser the fused call adds those products straight into the weights.
static_assert(arena_t::order_of<std::remove_cvref_t<decltype(W2)>> == Eigen::RowMajor);
static_assert(arena_t::order_of<std::remove_cvref_t<decltype(W1)>> == Eigen::ColMajor);
static_assert(std::is_same_v<params_for<decltype(data_loss)>, arena_t>);
constexpr double lr = 0.5;

struct result {
    reference::mat W1, b1, W2, b2;
    double loss_before;
};

template <class Arena>
result read(const Arena& p, double loss) {
    return {reference::wide(p[W1]), reference::wide(p[b1]), reference::wide(p[W2]), reference::wide(p[b2]), loss};
}

/// p (float) and one SGD step by hand in double; returns the hand-stepped params.
result by_hand(const arena_t& p, const reference::mat& xb, const reference::mat& yb, double reg) {
    reference::two_layer net;
    net.W1 = reference::wide(p[W1]);
    net.W2 = reference::wide(p[W2]);
    net.b1 = reference::wide(p[b1]);
    net.b2 = reference::wide(p[b2]);
    net.reg = reg;
    net.backward(xb, yb);
    return {net.W1 - lr * net.dW1, net.b1 - lr * net.db1, net.W2 - lr * net.dW2, net.b2 - lr * net.db2, net.loss};
}

double worst(const result& a, const result& b) {
    return std::max({reference::rel_err(a.W1, b.W1), reference::rel_err(a.b1, b.b1), reference::rel_err(a.W2, b.W2),
                     reference::rel_err(a.b2, b.b2), reference::rel_err(a.loss_before, b.loss_before)});
}

/// Steps the same params with the fused call and with grads + update; checks both against
/// the hand-written step (of the regularised loss, or of the data loss alone if !regularised).
template <class BatchOption, class Wrt>
void check(Wrt w, int n, bool regularised = true) {
    reference::rng r(42);
    arena_t p0;
    p0.for_each([&](auto, auto m) { reference::fill(m, r, 0.25); });
    const auto xb = reference::random<float>(20, n, r);
    const auto yb = reference::one_hot<float>(3, n, r);
    const result expected = by_hand(p0, reference::wide(xb), reference::wide(yb), regularised ? 1e-2 : 0.0);

    arena_t fused = p0, separate = p0;
    grads_for<decltype(loss)> g;
    float fused_loss = 0, separate_loss = 0;
    const auto step = [&](auto train) {
        fused_loss = train(fused, sgd{float(lr)}, x = xb, y = yb);
        separate_loss = train(separate, g, x = xb, y = yb);
    };
    if (regularised) step(compile<BatchOption>(loss, w));
    else step(compile<BatchOption>(data_loss, w));
    separate.flat() -= float(lr) * g.flat();

    BOOST_TEST(worst(read(fused, fused_loss), expected) < 1e-5);
    BOOST_TEST(worst(read(separate, separate_loss), expected) < 1e-5);
    BOOST_TEST(worst(read(fused, fused_loss), read(separate, separate_loss)) < 1e-6);
}

}  // namespace

BOOST_AUTO_TEST_CASE(fused_step_equals_gradients_then_update) {
    check<batch<1>>(wrt(W1, b1, W2, b2), 1);
    check<batch<16>>(wrt(W1, b1, W2, b2), 16);
    check<dynamic_batch>(wrt(W1, b1, W2, b2), 7);
    for (const int n : {1, 16}) check<dynamic_batch>(wrt(W1, b1, W2, b2), n, false);
    check<batch<1>>(wrt(W1, b1, W2, b2), 1, false);
}

// W2's gradient is computed before W2ᵀ G has read W2 when W2 comes first in wrt(...): the
// planner must hold the update back until that read is done.
BOOST_AUTO_TEST_CASE(update_waits_for_every_read_of_its_param) {
    check<batch<1>>(wrt(b2, W2, b1, W1), 1);
    check<batch<16>>(wrt(W2, b2, W1, b1), 16);
}

// A product of two params: dA reads B and dB reads A, so whichever is updated first changes
// what the other reads. The plan says so, and the call is refused (tests/fail/sgd_in_place).
constexpr auto A = param<"A", 3, 4>;
constexpr auto B = param<"B", 4, 2>;
constexpr auto xs = input<"x", 2>;
constexpr auto chained = sum_sq(A * B * xs);
static_assert(!decltype(compile(chained, wrt(A, B)))::structure.in_place_ok);
static_assert(decltype(compile(chained, wrt(A)))::structure.in_place_ok);  // B is only read
static_assert(decltype(compile(loss, wrt(W2, b2, W1, b1)))::structure.in_place_ok);
