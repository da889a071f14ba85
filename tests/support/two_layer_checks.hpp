/// @file
/// Test support: the CS231n two-layer net on CIFAR-sized input (3072 -> 100 -> 10), with and
/// without biases and L2, and checks of exprnet's forward and training programs against the
/// hand-written reference (support/reference_nets.hpp). One scalar type per test file keeps
/// each translation unit small (each program instantiates Eigen's product kernels).
#pragma once

#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

#include "support/reference_nets.hpp"

#include <memory>

namespace two_layer_checks {

using namespace exprnet;
using namespace exprnet::literals;
using reference::rel_err;
using reference::wide;

inline constexpr int n = 8;  // the batch

inline constexpr auto x = input<"x", 3072>;
inline constexpr auto y = input<"y", 10>;
inline constexpr auto W1 = param<"W1", 100, 3072>;
inline constexpr auto b1 = param<"b1", 100>;
inline constexpr auto W2 = param<"W2", 10, 100>;
inline constexpr auto b2 = param<"b2", 10>;

// (b) no biases, no regularisation.
inline constexpr auto plain_scores = W2 * relu(W1 * x);
inline constexpr auto plain_loss = softmax_cross_entropy(plain_scores, y);

// (e) biases and L2.
inline constexpr auto scores = W2 * relu(W1 * x + b1) + b2;
inline constexpr auto loss = softmax_cross_entropy(scores, y) + 1e-3_c * (sum_sq(W1) + sum_sq(W2));

/// Parameters and data in the program's scalar S (arenas on the heap: W1 alone is 1.2 MB in
/// float), and the reference net on the same values, run forward and backward. (CS231n
/// initialises with 1e-4 * noise, which makes every score ~0; larger weights give the softmax
/// and the ReLU masks something to do.)
template <class S, class Loss>
struct fixture {
    reference::rng r{20240601};
    std::unique_ptr<params_for<Loss, S>> p = std::make_unique<params_for<Loss, S>>();
    std::unique_ptr<grads_for<Loss, S>> g = std::make_unique<grads_for<Loss, S>>();
    reference::matrix_of<S> xb = reference::random<S>(3072, n, r);
    reference::matrix_of<S> yb = reference::one_hot<S>(10, n, r);
    reference::two_layer ref;

    explicit fixture(double reg) {
        auto& ps = *p;
        reference::fill(ps[W1], r, 1.0 / 64);
        reference::fill(ps[W2], r, 1.0);
        ref.W1 = wide(ps[W1]);
        ref.W2 = wide(ps[W2]);
        if constexpr (params_for<Loss, S>::template has<std::remove_cv_t<decltype(b1)>>) {
            reference::fill(ps[b1], r, 1.0 / 8);
            reference::fill(ps[b2], r, 1.0 / 8);
            ref.b1 = wide(ps[b1]);
            ref.b2 = wide(ps[b2]);
        } else {
            ref.b1 = reference::mat::Zero(100, 1);
            ref.b2 = reference::mat::Zero(10, 1);
        }
        ref.reg = reg;
        ref.backward(wide(xb), wide(yb));
    }
};

/// (b) W2 * relu(W1 * x), softmax cross-entropy: scores, loss, dW1, dW2.
template <class S>
void check_plain() {
    constexpr double tol = reference::tolerance<S>();
    fixture<S, decltype(plain_loss)> f(0.0);

    using infer_t = decltype(compile<batch<n>, scalar_type<S>>(plain_scores));
    auto infer = std::make_unique<infer_t>();
    const auto out = (*infer)(*f.p, x = f.xb);
    BOOST_TEST(out.rows() == 10);
    BOOST_TEST(out.cols() == n);
    BOOST_TEST(rel_err(wide(out), f.ref.scores) <= tol);

    using train_t = decltype(compile<batch<n>, scalar_type<S>>(plain_loss, wrt(W1, W2)));
    auto train = std::make_unique<train_t>();
    const double L = (*train)(*f.p, *f.g, x = f.xb, y = f.yb);
    BOOST_TEST(rel_err(L, f.ref.loss) <= tol);
    BOOST_TEST(rel_err(wide((*f.g)[W1]), f.ref.dW1) <= tol);
    BOOST_TEST(rel_err(wide((*f.g)[W2]), f.ref.dW2) <= tol);
    // The data exercises the ReLU: some hidden units are off, some on.
    BOOST_TEST((f.ref.h.array() > 0).count() > 0);
    BOOST_TEST((f.ref.h.array() == 0).count() > 0);
}

/// (e) with biases and L2: scores, loss and all four gradients.
template <class S>
void check_biases_and_l2() {
    constexpr double tol = reference::tolerance<S>();
    fixture<S, decltype(loss)> f(1e-3);

    using infer_t = decltype(compile<batch<n>, scalar_type<S>>(scores));
    auto infer = std::make_unique<infer_t>();
    const auto out = (*infer)(*f.p, x = f.xb);
    BOOST_TEST(rel_err(wide(out), f.ref.scores) <= tol);

    using train_t = decltype(compile<batch<n>, scalar_type<S>>(loss, wrt(W1, b1, W2, b2)));
    auto train = std::make_unique<train_t>();
    const double L = (*train)(*f.p, *f.g, x = f.xb, y = f.yb);
    BOOST_TEST(rel_err(L, f.ref.loss) <= tol);
    BOOST_TEST(rel_err(wide((*f.g)[W1]), f.ref.dW1) <= tol);
    BOOST_TEST(rel_err(wide((*f.g)[b1]), f.ref.db1) <= tol);
    BOOST_TEST(rel_err(wide((*f.g)[W2]), f.ref.dW2) <= tol);
    BOOST_TEST(rel_err(wide((*f.g)[b2]), f.ref.db2) <= tol);
    // The regulariser is really there: without it the loss and dW2 would be off.
    BOOST_TEST(rel_err(L, f.ref.loss - 1e-3 * (f.ref.W1.squaredNorm() + f.ref.W2.squaredNorm())) > tol);
    BOOST_TEST(rel_err(wide((*f.g)[W2]), (f.ref.dW2 - 2e-3 * f.ref.W2).eval()) > tol);
}

}  // namespace two_layer_checks
