/// @file
/// Test support: the small networks of CS231n and checks of exprnet's forward and training
/// programs against the same nets written by hand (double, plain dynamic Eigen, sigmoid as
/// 1 / (1 + exp(-z)), backward written out CS231n-style):
///   (a) the sigmoid neuron sigmoid(w * x + b), w 1x3,
///   (c) the three-layer forward pass with sigmoid (4x3, 4x4, 1x4), and its backward under mse,
///   (d) a Maxout layer max(W1 * x + b1, W2 * x + b2) under a softmax classifier.
/// Each check is a template on the program's scalar; a test file instantiates a few of them
/// (every program costs seconds of compile time: Eigen instantiates each step's expression).
#pragma once

#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

#include "support/reference_nets.hpp"

#include <cmath>

namespace small_nets {

using namespace exprnet;
using namespace exprnet::literals;
using reference::mat;
using reference::rel_err;
using reference::wide;

// ---- (a) the sigmoid neuron --------------------------------------------------------------

namespace neuron {
inline constexpr auto x = input<"x", 3>;
inline constexpr auto t = input<"t", 1>;
inline constexpr auto w = param<"w", 1, 3>;
inline constexpr auto b = param<"b", 1>;
inline constexpr auto f = sigmoid(w * x + b);
inline constexpr auto value = sum(f);   // with one sample: f itself, so its gradient is df/dw
inline constexpr auto fit = mse(f, t);  // over a batch: mean((f - t)^2)
}  // namespace neuron

template <class S>
void check_neuron() {
    using namespace neuron;
    constexpr double tol = reference::tolerance<S>();
    params_for<decltype(fit), S> p;
    grads_for<decltype(fit), S> g;

    // CS231n's circuit with a third input: w.x + b = 2(-1) - 3(-2) + 0.5(2) - 4 = 1, so
    // f = sigmoid(1) = 0.7310585786300049 and df/dz = f (1 - f) = 0.19661193324148185;
    // df/dw = df/dz x = [-0.1966, -0.3932, 0.3932], df/db = 0.1966.
    p[w] << S(2), S(-3), S(0.5);
    p[b](0, 0) = S(-4);
    const Eigen::Matrix<S, 3, 1> x1(S(-1), S(-2), S(2));
    const double f1 = 0.7310585786300049;
    const double dz = 0.19661193324148185;
    BOOST_TEST(rel_err(f1, 1.0 / (1.0 + std::exp(-1.0))) <= 1e-15);
    BOOST_TEST(rel_err(dz, f1 * (1 - f1)) <= 1e-15);

    auto local = compile<scalar_type<S>>(value, wrt(w, b));
    BOOST_TEST(rel_err(double(local(p, g, x = x1)), f1) <= tol);
    BOOST_TEST(rel_err(wide(g[w]), mat{{-dz, -2 * dz, 2 * dz}}) <= tol);
    BOOST_TEST(rel_err(double(g[b](0, 0)), dz) <= tol);

    // A batch of 6 under mse, against the backward by hand:
    // z = w x + b, f = 1 / (1 + exp(-z)), L = mean((f - t)^2),
    // df = 2 (f - t) / N, dz = df . f . (1 - f), dw = dz xᵀ, db = sum(dz).
    constexpr int n = 6;
    reference::rng r(7);
    reference::fill(p[w], r);
    reference::fill(p[b], r);
    const auto xb = reference::random<S>(3, n, r, 2.0);
    const auto tb = reference::random<S>(1, n, r, 0.5);
    const mat W = wide(p[w]);
    const double B = double(p[b](0, 0));
    const mat fb = reference::sigmoid((W.lazyProduct(wide(xb)).array() + B).matrix());
    const double L = (fb - wide(tb)).squaredNorm() / n;
    const mat df = 2.0 * (fb - wide(tb)) / n;
    const mat dzb = df.cwiseProduct(fb.cwiseProduct((1.0 - fb.array()).matrix()));

    auto forward = compile<batch<n>, scalar_type<S>>(f);
    BOOST_TEST(rel_err(wide(forward(p, x = xb)), fb) <= tol);
    auto train = compile<batch<n>, scalar_type<S>>(fit, wrt(w, b));
    BOOST_TEST(rel_err(double(train(p, g, x = xb, t = tb)), L) <= tol);
    BOOST_TEST(rel_err(wide(g[w]), dzb.lazyProduct(wide(xb).transpose())) <= tol);
    BOOST_TEST(rel_err(double(g[b](0, 0)), dzb.sum()) <= tol);
}

// ---- (c) the three-layer forward pass with sigmoid ------------------------------------------

namespace three {
inline constexpr auto x = input<"x", 3>;
inline constexpr auto t = input<"t", 1>;
inline constexpr auto W1 = param<"W1", 4, 3>;
inline constexpr auto b1 = param<"b1", 4>;
inline constexpr auto W2 = param<"W2", 4, 4>;
inline constexpr auto b2 = param<"b2", 4>;
inline constexpr auto W3 = param<"W3", 1, 4>;
inline constexpr auto b3 = param<"b3", 1>;
inline constexpr auto h1 = sigmoid(W1 * x + b1);
inline constexpr auto h2 = sigmoid(W2 * h1 + b2);
inline constexpr auto out = W3 * h2 + b3;
inline constexpr auto loss = mse(out, t);
}  // namespace three

template <class S>
void check_three_layer() {
    using namespace three;
    using reference::plus_column;
    constexpr double tol = reference::tolerance<S>();
    constexpr int n = 5;
    reference::rng r(31);
    params_for<decltype(loss), S> p;
    p.for_each([&](auto, auto m) { reference::fill(m, r); });
    const auto xb = reference::random<S>(3, n, r, 2.0);
    const auto tb = reference::random<S>(1, n, r);
    const mat X = wide(xb), T = wide(tb);
    const mat w1 = wide(p[W1]), w2 = wide(p[W2]), w3 = wide(p[W3]);

    // Forward, as in CS231n: f = lambda x: 1 / (1 + exp(-x)); h1 = f(W1 x + b1);
    // h2 = f(W2 h1 + b2); out = W3 h2 + b3.
    const mat a1 = reference::sigmoid(plus_column(w1.lazyProduct(X), wide(p[b1])));
    const mat a2 = reference::sigmoid(plus_column(w2.lazyProduct(a1), wide(p[b2])));
    const mat o = plus_column(w3.lazyProduct(a2), wide(p[b3]));

    auto forward = compile<batch<n>, scalar_type<S>>(out);
    const auto got = forward(p, x = xb);
    BOOST_TEST(got.rows() == 1);
    BOOST_TEST(got.cols() == n);
    BOOST_TEST(rel_err(wide(got), o) <= tol);

    // Backward by hand under mse.
    const double L = (o - T).squaredNorm() / n;
    const mat dout = 2.0 * (o - T) / n;
    const mat da2 = w3.transpose().lazyProduct(dout);
    const mat dz2 = da2.cwiseProduct(a2.cwiseProduct((1.0 - a2.array()).matrix()));
    const mat da1 = w2.transpose().lazyProduct(dz2);
    const mat dz1 = da1.cwiseProduct(a1.cwiseProduct((1.0 - a1.array()).matrix()));

    grads_for<decltype(loss), S> g;
    auto train = compile<batch<n>, scalar_type<S>>(loss, wrt(W1, b1, W2, b2, W3, b3));
    BOOST_TEST(rel_err(double(train(p, g, x = xb, t = tb)), L) <= tol);
    BOOST_TEST(rel_err(wide(g[W1]), dz1.lazyProduct(X.transpose())) <= tol);
    BOOST_TEST(rel_err(wide(g[b1]), dz1.rowwise().sum()) <= tol);
    BOOST_TEST(rel_err(wide(g[W2]), dz2.lazyProduct(a1.transpose())) <= tol);
    BOOST_TEST(rel_err(wide(g[b2]), dz2.rowwise().sum()) <= tol);
    BOOST_TEST(rel_err(wide(g[W3]), dout.lazyProduct(a2.transpose())) <= tol);
    BOOST_TEST(rel_err(double(g[b3](0, 0)), dout.sum()) <= tol);
}

// ---- (d) Maxout ---------------------------------------------------------------------------

namespace maxout {
inline constexpr auto x = input<"x", 6>;
inline constexpr auto y = input<"y", 4>;
inline constexpr auto W1 = param<"W1", 5, 6>;
inline constexpr auto b1 = param<"b1", 5>;
inline constexpr auto W2 = param<"W2", 5, 6>;
inline constexpr auto b2 = param<"b2", 5>;
inline constexpr auto W3 = param<"W3", 4, 5>;
inline constexpr auto h = max(W1 * x + b1, W2 * x + b2);
inline constexpr auto loss = softmax_cross_entropy(W3 * h, y);
}  // namespace maxout

template <class S>
void check_maxout() {
    using namespace maxout;
    using reference::plus_column;
    constexpr double tol = reference::tolerance<S>();
    constexpr int n = 7;
    reference::rng r(99);
    params_for<decltype(loss), S> p;
    p.for_each([&](auto, auto m) { reference::fill(m, r); });
    const auto xb = reference::random<S>(6, n, r);
    const auto yb = reference::one_hot<S>(4, n, r);
    const mat X = wide(xb), Y = wide(yb);
    const mat w3 = wide(p[W3]);

    const mat z1 = plus_column(wide(p[W1]).lazyProduct(X), wide(p[b1]));
    const mat z2 = plus_column(wide(p[W2]).lazyProduct(X), wide(p[b2]));
    const mat hb = z1.cwiseMax(z2);

    auto forward = compile<batch<n>, scalar_type<S>>(h);
    BOOST_TEST(rel_err(wide(forward(p, x = xb)), hb) <= tol);

    // Backward: the gradient goes to whichever of z1, z2 won.
    const mat probs = reference::softmax(w3.lazyProduct(hb));
    const double L = reference::cross_entropy(probs, Y);
    const mat dscores = (probs - Y) / n;
    const mat dh = w3.transpose().lazyProduct(dscores);
    const mat first = (z1.array() >= z2.array()).cast<double>();
    const mat dz1 = dh.cwiseProduct(first);
    const mat dz2 = dh - dz1;
    BOOST_TEST(first.sum() > 0);  // both pieces win somewhere with this data
    BOOST_TEST(first.sum() < double(first.size()));

    grads_for<decltype(loss), S> g;
    auto train = compile<batch<n>, scalar_type<S>>(loss, wrt(W1, b1, W2, b2, W3));
    BOOST_TEST(rel_err(double(train(p, g, x = xb, y = yb)), L) <= tol);
    BOOST_TEST(rel_err(wide(g[W1]), dz1.lazyProduct(X.transpose())) <= tol);
    BOOST_TEST(rel_err(wide(g[b1]), dz1.rowwise().sum()) <= tol);
    BOOST_TEST(rel_err(wide(g[W2]), dz2.lazyProduct(X.transpose())) <= tol);
    BOOST_TEST(rel_err(wide(g[b2]), dz2.rowwise().sum()) <= tol);
    BOOST_TEST(rel_err(wide(g[W3]), dscores.lazyProduct(hb.transpose())) <= tol);
}

}  // namespace small_nets
