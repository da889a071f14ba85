// No heap allocation during evaluation, proved by counting (support/alloc_counter.hpp): every
// global operator new is replaced by a counting one, and Eigen's own allocations (std::malloc
// through aligned_malloc) are caught by EIGEN_RUNTIME_NO_MALLOC. Here the 784-100-10 net in
// float at a fixed batch of 64 (the GEMM path): its training program and a forward-only
// program, each called several times; and the training call on a thread with a 256 KiB stack
// (Eigen's fixed-size GEMM would put ~0.5 MB of blocking arrays on the stack for these
// products). Small nets: no_heap.small.cpp; dynamic_batch after reserve(): no_heap.dynamic.cpp.
#include "support/alloc_counter.hpp"  // first: it configures Eigen

#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

#include "support/reference_nets.hpp"

#include <pthread.h>

#include <memory>
#include <vector>

using namespace exprnet;
using namespace exprnet::literals;

namespace {

constexpr int n = 64;
constexpr auto x = input<"x", 784>;
constexpr auto y = input<"y", 10>;
constexpr auto W1 = param<"W1", 100, 784>;
constexpr auto b1 = param<"b1", 100>;
constexpr auto W2 = param<"W2", 10, 100>;
constexpr auto b2 = param<"b2", 10>;
constexpr auto scores = W2 * relu(W1 * x + b1) + b2;
constexpr auto loss = softmax_cross_entropy(scores, y) + 1e-4_c * (sum_sq(W1) + sum_sq(W2));

using train_t = decltype(compile<batch<n>>(loss, wrt(W1, b1, W2, b2)));
using infer_t = decltype(compile<batch<n>>(scores));

/// Everything allocated up front, outside the counted calls.
struct fixture {
    reference::rng r{5};
    std::unique_ptr<params_for<decltype(loss)>> p = std::make_unique<params_for<decltype(loss)>>();
    std::unique_ptr<grads_for<decltype(loss)>> g = std::make_unique<grads_for<decltype(loss)>>();
    std::unique_ptr<train_t> train = std::make_unique<train_t>();
    std::unique_ptr<infer_t> infer = std::make_unique<infer_t>();
    Eigen::MatrixXf xb = reference::random<float>(784, n, r);
    Eigen::MatrixXf yb = reference::one_hot<float>(10, n, r);
    fixture() {
        p->for_each([&](auto, auto m) { reference::fill(m, r, 1.0 / 16); });
    }
};

}  // namespace

// The counters count: a std::vector and an Eigen dynamic matrix are seen.
BOOST_AUTO_TEST_CASE(counters_see_allocations) {
    volatile float sink = 0;
    const auto vector_counts = alloc_counter::count([&] {
        std::vector<float> v(100, 1.0f);
        sink = sink + v[7];
    });
    BOOST_TEST(vector_counts.operator_new >= 1u);
    const auto eigen_counts = alloc_counter::count([&] {
        Eigen::MatrixXf m = Eigen::MatrixXf::Constant(50, 50, 2.0f);
        sink = sink + m(3, 3);
    });
    BOOST_TEST(eigen_counts.eigen_malloc >= 1u);
    BOOST_TEST(eigen_counts.operator_new == 0u);  // Eigen does not use operator new
    // An Eigen dynamic-size product large enough for GEMM, when its blocking workspace exceeds
    // EIGEN_STACK_ALLOCATION_LIMIT, allocates too (this is what no_heap.dynamic.cpp is about).
    const Eigen::MatrixXf a = Eigen::MatrixXf::Ones(100, 784), b = Eigen::MatrixXf::Ones(784, 64);
    Eigen::MatrixXf c(100, 64);
    const auto gemm_counts = alloc_counter::count([&] { c.noalias() = a * b; });
    BOOST_TEST_MESSAGE("MatrixXf 100x784 * 784x64 into a preallocated result: " << gemm_counts.eigen_malloc
                                                                                << " Eigen allocation(s)");
}

BOOST_FIXTURE_TEST_CASE(training_784_100_10_batch_64, fixture) {
    float L = 0;
    for (int call = 0; call < 3; ++call) {
        const auto c = alloc_counter::count([&] { L = (*train)(*p, *g, x = xb, y = yb); });
        BOOST_TEST_CONTEXT("call " << call) {
            BOOST_TEST(c.operator_new == 0u);
            BOOST_TEST(c.eigen_malloc == 0u);
        }
    }
    BOOST_TEST(L > 0.0f);  // the calls really ran
    BOOST_TEST((*g)[W1].norm() > 0.0f);
}

BOOST_FIXTURE_TEST_CASE(forward_784_100_10_batch_64, fixture) {
    float first = 0;
    for (int call = 0; call < 3; ++call) {
        const auto c = alloc_counter::count([&] {
            const auto out = (*infer)(*p, x = xb);
            first = out(0, 0);
        });
        BOOST_TEST_CONTEXT("call " << call) {
            BOOST_TEST(c.operator_new == 0u);
            BOOST_TEST(c.eigen_malloc == 0u);
        }
    }
    BOOST_TEST(first != 0.0f);
}

// No large stack arrays either: the training call runs on a thread whose stack is 256 KiB
// (a stack overflow would crash the test).
BOOST_FIXTURE_TEST_CASE(training_784_100_10_on_a_small_stack, fixture) {
    struct job {
        fixture* f;
        float loss = 0;
    } work{this};
    const auto run = [](void* arg) -> void* {
        auto* w = static_cast<job*>(arg);
        w->loss = (*w->f->train)(*w->f->p, *w->f->g, x = w->f->xb, y = w->f->yb);
        return nullptr;
    };
    pthread_attr_t attr;
    BOOST_REQUIRE(pthread_attr_init(&attr) == 0);
    BOOST_REQUIRE(pthread_attr_setstacksize(&attr, 256 * 1024) == 0);
    pthread_t thread;
    BOOST_REQUIRE(pthread_create(&thread, &attr, run, &work) == 0);
    BOOST_REQUIRE(pthread_join(thread, nullptr) == 0);
    pthread_attr_destroy(&attr);
    BOOST_TEST(work.loss > 0.0f);
    // The same loss as on the main thread.
    BOOST_TEST(work.loss == (*train)(*p, *g, x = xb, y = yb));
}
