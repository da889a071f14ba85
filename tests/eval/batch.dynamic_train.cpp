// dynamic_batch training programs against fixed-batch ones, for 1, 3 and 8 columns, in any
// order of calls (larger after smaller reallocates, smaller after larger reuses): the loss and
// every gradient equal the mean over the columns of those of the batch<1> program. (batch.cpp
// shows that batch<N> is that mean; comparing with batch<1> only keeps this file at two
// training programs, each of which costs seconds of compile time.) Each call overwrites every
// gradient: the arena is filled with garbage before each call. In double.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

#include "support/reference_nets.hpp"

using namespace exprnet;
using namespace exprnet::literals;
using reference::rel_err;
using reference::wide;

namespace {

constexpr auto x = input<"x", 12>;
constexpr auto y = input<"y", 5>;
constexpr auto W1 = param<"W1", 10, 12>;
constexpr auto b1 = param<"b1", 10>;
constexpr auto W2 = param<"W2", 5, 10>;
constexpr auto b2 = param<"b2", 5>;
constexpr auto scores = W2 * relu(W1 * x + b1) + b2;
constexpr auto loss = softmax_cross_entropy(scores, y) + 1e-3_c * (sum_sq(W1) + sum_sq(W2));

using S = double;
using opt = scalar_type<S>;
using grads = grads_for<decltype(loss), S>;
constexpr double tol = 1e-12;

struct fixture {
    reference::rng r{78};
    params_for<decltype(loss), S> p;
    reference::matrix_of<S> xb = reference::random<S>(12, 8, r, 2.0);
    reference::matrix_of<S> yb = reference::one_hot<S>(5, 8, r);
    decltype(compile<batch<1>, opt>(loss, wrt(W1, b1, W2, b2))) single;
    fixture() {
        p.for_each([&](auto, auto m) { reference::fill(m, r); });
    }

    template <class Program>
    void check(Program& dyn, int k) {
        const reference::matrix_of<S> xk = xb.leftCols(k), yk = yb.leftCols(k);
        grads want, got, one;
        double L = 0;
        for (int j = 0; j < k; ++j) {
            L += single(p, one, x = xb.col(j), y = yb.col(j)) / k;
            want.flat() += one.flat() / S(k);
        }
        got.flat().setConstant(S(1e30));
        const double dynL = dyn(p, got, x = xk, y = yk);
        BOOST_TEST_CONTEXT(k << " columns") {
            BOOST_TEST(rel_err(dynL, L) <= tol);
            BOOST_TEST(rel_err(wide(got[W1]), wide(want[W1])) <= tol);
            BOOST_TEST(rel_err(wide(got[b1]), wide(want[b1])) <= tol);
            BOOST_TEST(rel_err(wide(got[W2]), wide(want[W2])) <= tol);
            BOOST_TEST(rel_err(wide(got[b2]), wide(want[b2])) <= tol);
        }
    }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(growing_then_shrinking, fixture) {
    auto dyn = compile<dynamic_batch, opt>(loss, wrt(W1, b1, W2, b2));
    check(dyn, 1);
    check(dyn, 3);  // reallocates
    check(dyn, 8);  // reallocates
    check(dyn, 3);  // reuses
    check(dyn, 1);
    BOOST_TEST(dyn.capacity() == 8);
}

BOOST_FIXTURE_TEST_CASE(largest_first_and_reserve, fixture) {
    auto dyn = compile<dynamic_batch, opt>(loss, wrt(W1, b1, W2, b2));
    dyn.reserve(8);
    BOOST_TEST(dyn.capacity() == 8);
    check(dyn, 8);
    check(dyn, 1);
    check(dyn, 3);
    check(dyn, 8);
    BOOST_TEST(dyn.capacity() == 8);
}
