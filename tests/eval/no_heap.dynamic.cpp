// No heap allocation in a dynamic_batch program after reserve(), counted as in no_heap.cpp
// (operator new replaced; Eigen's mallocs caught by EIGEN_RUNTIME_NO_MALLOC): the 784-100-10
// net in float, training and forward, for 64, 17 and 1 columns. With a run-time batch,
// Eigen's own product would take its GEMM blocking workspace from the heap once it exceeds
// EIGEN_STACK_ALLOCATION_LIMIT (128 KB; no_heap.cpp shows a MatrixXf product of these sizes
// doing so); exprnet runs the kernel with packing panels in the program's workspace instead.
#include "support/alloc_counter.hpp"  // first: it configures Eigen

#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

#include "support/reference_nets.hpp"

#include <memory>

using namespace exprnet;
using namespace exprnet::literals;

namespace {

constexpr auto x = input<"x", 784>;
constexpr auto y = input<"y", 10>;
constexpr auto W1 = param<"W1", 100, 784>;
constexpr auto b1 = param<"b1", 100>;
constexpr auto W2 = param<"W2", 10, 100>;
constexpr auto b2 = param<"b2", 10>;
constexpr auto scores = W2 * relu(W1 * x + b1) + b2;
constexpr auto loss = softmax_cross_entropy(scores, y) + 1e-4_c * (sum_sq(W1) + sum_sq(W2));

}  // namespace

BOOST_AUTO_TEST_CASE(training_784_100_10_dynamic_after_reserve) {
    reference::rng r(6);
    auto p = std::make_unique<params_for<decltype(loss)>>();
    auto g = std::make_unique<grads_for<decltype(loss)>>();
    p->for_each([&](auto, auto m) { reference::fill(m, r, 1.0 / 16); });
    const Eigen::MatrixXf xb = reference::random<float>(784, 64, r);
    const Eigen::MatrixXf yb = reference::one_hot<float>(10, 64, r);
    auto train = compile<dynamic_batch>(loss, wrt(W1, b1, W2, b2));
    train.reserve(64);

    for (int k : {64, 17, 1}) {
        const Eigen::MatrixXf xk = xb.leftCols(k), yk = yb.leftCols(k);
        const auto c = alloc_counter::count([&] { train(*p, *g, x = xk, y = yk); });
        BOOST_TEST_CONTEXT(k << " columns") {
            BOOST_TEST(c.operator_new == 0u);
            BOOST_TEST(c.eigen_malloc == 0u);
        }
    }
    BOOST_TEST(train.capacity() == 64);
}

BOOST_AUTO_TEST_CASE(forward_784_100_10_dynamic_after_reserve) {
    reference::rng r(7);
    auto p = std::make_unique<params_for<decltype(scores)>>();
    p->for_each([&](auto, auto m) { reference::fill(m, r, 1.0 / 16); });
    const Eigen::MatrixXf xb = reference::random<float>(784, 64, r);
    auto infer = compile<dynamic_batch>(scores);
    infer.reserve(64);

    for (int k : {64, 17, 1}) {
        const Eigen::MatrixXf xk = xb.leftCols(k);
        const auto c = alloc_counter::count([&] { infer(*p, x = xk); });
        BOOST_TEST_CONTEXT(k << " columns") {
            BOOST_TEST(c.operator_new == 0u);
            BOOST_TEST(c.eigen_malloc == 0u);
        }
    }

    // Without reserve(), the first call allocates the workspace (by design, and seen).
    auto fresh = compile<dynamic_batch>(scores);
    const auto first = alloc_counter::count([&] { fresh(*p, x = xb); });
    BOOST_TEST(first.eigen_malloc + first.operator_new >= 1u);
    BOOST_TEST(fresh.capacity() == 64);
}
