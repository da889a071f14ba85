// log_softmax's forward pass (one stable pass per column, eval/evaluator.hpp) against the
// formula s_i - log(Σ_k exp(s_k)) written in long double, whose exp does not overflow below
// ~11356, float and double, on random scores in [-4, 4) and on scores far beyond the range of
// exp in the program's type (±1000, and columns with one score 1000 above the others). Then
// its gradient at such scores: d/ds sum(log_softmax(s) ⊙ z) = z - softmax(s) ⊙ colsum(z), read
// off the output (exp(log_softmax(s))), finite and right where exp(s) would overflow.
// The finite-difference law: diff/loss.log_softmax.cpp.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

#include "support/reference_nets.hpp"

#include <Eigen/Core>

#include <cmath>
#include <tuple>

using namespace exprnet;

namespace {
constexpr int n = 6;
constexpr int classes = 4;
constexpr auto x = input<"x", classes>;  // the scores themselves
constexpr auto z = input<"z", classes>;
constexpr auto b = param<"b", classes>;

using scalars = std::tuple<float, double>;
template <class S>
using block = Eigen::Matrix<S, classes, n>;
template <class S>
constexpr double tolerance = std::is_same_v<S, float> ? 4e-6 : 1e-13;

/// Column j of the formula, in long double.
template <class S>
Eigen::Matrix<long double, classes, 1> reference_column(const block<S>& s, int j) {
    long double total = 0;
    for (int k = 0; k < classes; ++k) total += std::exp(static_cast<long double>(s(k, j)));
    Eigen::Matrix<long double, classes, 1> out;
    for (int i = 0; i < classes; ++i) out(i) = static_cast<long double>(s(i, j)) - std::log(total);
    return out;
}

/// Random scores in [-4, 4) in columns 0-2; far beyond exp's range in columns 3-5.
template <class S>
block<S> scores() {
    reference::rng r(11);
    block<S> s;
    reference::fill(s, r, 4.0);
    s.col(3) << S(1000), S(-1000), S(999), S(0);    // exp(±1000) is inf / 0 in float and double
    s.col(4) << S(-1000), S(-1001), S(-1000), S(-1003);  // all tiny: the naive sum is 0, its log -inf
    s.col(5) << S(1000), S(1), S(2), S(3);           // one dominates: log_softmax = 0 there, s - 1000 elsewhere
    return s;
}
}  // namespace

BOOST_AUTO_TEST_CASE_TEMPLATE(forward_is_s_minus_log_sum_exp, S, scalars) {
    auto program = compile<batch<n>, scalar_type<S>>(log_softmax(x));
    const params_for<decltype(log_softmax(x)), S> p;
    const block<S> s = scores<S>();
    const block<S> out = program(p, x = s);
    for (int j = 0; j < n; ++j) {
        const auto want = reference_column(s, j);
        for (int i = 0; i < classes; ++i) {
            BOOST_TEST(std::isfinite(out(i, j)), "(" << i << ", " << j << ")");
            const double w = double(want(i));
            BOOST_TEST(std::abs(double(out(i, j)) - w) <= tolerance<S> * std::max(1.0, std::abs(w)),
                       "(" << i << ", " << j << "): " << out(i, j) << ", expected " << w);
        }
        // exp of it is a distribution.
        BOOST_TEST(std::abs(double(out.col(j).array().exp().sum()) - 1.0) <= 4 * tolerance<S>, "column " << j);
    }
    BOOST_TEST(out(0, 5) == S(0));  // 1000 - log(exp(1000) + tiny): exactly 0 in float and double
}

BOOST_AUTO_TEST_CASE_TEMPLATE(gradient_at_scores_beyond_exp, S, scalars) {
    constexpr auto loss = sum(hadamard(log_softmax(x + b), z));
    auto train = compile<batch<n>, scalar_type<S>>(loss, wrt(b));
    params_for<decltype(loss), S> p;
    grads_for<decltype(loss), S> g;
    p[b].setZero();
    const block<S> s = scores<S>();
    block<S> zb;
    reference::rng r(12);
    reference::fill(zb, r);
    const double L = train(p, g, x = s, z = zb);
    BOOST_TEST(std::isfinite(L));
    // db = Σ over the columns of z - softmax(s) ⊙ colsum(z), in long double.
    Eigen::Matrix<long double, classes, 1> want = Eigen::Matrix<long double, classes, 1>::Zero();
    long double loss_want = 0;
    for (int j = 0; j < n; ++j) {
        const auto ls = reference_column(s, j);
        long double column_sum = 0;
        for (int i = 0; i < classes; ++i) column_sum += zb(i, j);
        for (int i = 0; i < classes; ++i) {
            want(i) += zb(i, j) - std::exp(ls(i)) * column_sum;
            loss_want += ls(i) * zb(i, j);
        }
    }
    BOOST_TEST(std::abs(L - double(loss_want)) <= tolerance<S> * std::max(1.0, std::abs(double(loss_want))));
    for (int i = 0; i < classes; ++i) {
        BOOST_TEST(std::isfinite(g[b](i)));
        BOOST_TEST(std::abs(double(g[b](i)) - double(want(i))) <= tolerance<S> * std::max(1.0, std::abs(double(want(i)))),
                   "db(" << i << "): " << g[b](i) << ", expected " << double(want(i)));
    }
}
