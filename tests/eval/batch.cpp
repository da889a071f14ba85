// Batch against one sample at a time: a batch<8> program is the batch<1> program run column by
// column. Forward: the output columns are the per-sample outputs. Training (softmax CE, whose
// data loss is a mean over the batch, plus L2): the batch loss is the mean of the per-sample
// losses and every batch gradient is the mean of the per-sample gradients (the regulariser's
// share is the same in each, so its mean is itself). In float: batch and sample programs run
// different Eigen kernels (GEMM against GEMV), so equality is up to rounding.
// dynamic_batch: batch.dynamic.cpp (forward) and batch.dynamic_train.cpp.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

#include "support/reference_nets.hpp"

using namespace exprnet;
using namespace exprnet::literals;
using reference::rel_err;
using reference::wide;

namespace {

constexpr int n = 8;
constexpr auto x = input<"x", 12>;
constexpr auto y = input<"y", 5>;
constexpr auto W1 = param<"W1", 10, 12>;
constexpr auto b1 = param<"b1", 10>;
constexpr auto W2 = param<"W2", 5, 10>;
constexpr auto b2 = param<"b2", 5>;
constexpr auto scores = W2 * relu(W1 * x + b1) + b2;
constexpr auto loss = softmax_cross_entropy(scores, y) + 1e-3_c * (sum_sq(W1) + sum_sq(W2));

using params = params_for<decltype(loss)>;
using grads = grads_for<decltype(loss)>;
constexpr double tol = 1e-5;

struct data {
    reference::rng r{4242};
    params p;
    Eigen::Matrix<float, 12, n> xb;
    Eigen::Matrix<float, 5, n> yb;
    data() {
        p.for_each([&](auto, auto m) { reference::fill(m, r); });
        reference::fill(xb, r, 2.0);
        yb = reference::one_hot<float>(5, n, r);
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(forward_columns_are_samples) {
    const data d;
    auto whole = compile<batch<n>>(scores);
    auto single = compile(scores);  // batch<1>
    static_assert(decltype(single)::batch == 1);
    const Eigen::Matrix<float, 5, n> out = whole(d.p, x = d.xb);
    for (int j = 0; j < n; ++j) {
        const Eigen::Matrix<float, 5, 1> col = single(d.p, x = d.xb.col(j));
        BOOST_TEST_CONTEXT("column " << j) {
            BOOST_TEST(rel_err(wide(out.col(j)), wide(col)) <= tol);
        }
    }
}

BOOST_AUTO_TEST_CASE(training_is_the_mean_of_samples) {
    const data d;
    auto whole = compile<batch<n>>(loss, wrt(W1, b1, W2, b2));
    auto single = compile(loss, wrt(W1, b1, W2, b2));
    grads g, gj, mean;
    const double L = whole(d.p, g, x = d.xb, y = d.yb);

    double mean_loss = 0;
    for (int j = 0; j < n; ++j) {
        gj.flat().setConstant(-1.0f);  // every slot must be written by the call
        mean_loss += single(d.p, gj, x = d.xb.col(j), y = d.yb.col(j)) / double(n);
        mean.flat() += gj.flat() / float(n);
    }
    BOOST_TEST(rel_err(L, mean_loss) <= tol);
    BOOST_TEST(rel_err(wide(g[W1]), wide(mean[W1])) <= tol);
    BOOST_TEST(rel_err(wide(g[b1]), wide(mean[b1])) <= tol);
    BOOST_TEST(rel_err(wide(g[W2]), wide(mean[W2])) <= tol);
    BOOST_TEST(rel_err(wide(g[b2]), wide(mean[b2])) <= tol);

    // Not trivially so: the samples disagree, and each one's gradient differs from the mean.
    BOOST_TEST(rel_err(wide(gj[W2]), wide(g[W2])) > 1e-2);
}
