// The routing of the new ops exactly at their kinks, where finite differences cannot look
// (activation.new.cpp and activation.new.routes.cpp keep away from them): the gradients the
// program returns against the rules written out by hand, on chosen values.
//   * min(a, b): a tie goes to a (dA = G ⊙ [b ≥ a], dB = G ⊙ [b < a]), as max's does;
//   * abs: slope sign(x), 0 at 0;
//   * hard_tanh: slope [|x| < 1], 0 at ±1 and outside;
//   * prelu: slope 1 for x > 0, a for x ≤ 0 (a at 0); the slope's gradient G ⊙ min(x, 0).
// Each loss is sum(f(x + s) ⊙ z) with s a param set to 0 (or to chosen offsets), so that
// x + s holds exactly the values written below, and ds is the sum over the batch of
// z ⊙ f'(x + s). Double, batch 3.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

#include <cmath>

using namespace exprnet;

namespace {
constexpr int n = 3;
constexpr auto x = input<"x", 4>;
constexpr auto z = input<"z", 4>;
constexpr auto s = param<"s", 4>;
constexpr auto t = param<"t", 4>;

using block = Eigen::Matrix<double, 4, n>;
using column = Eigen::Matrix<double, 4, 1>;

/// The readout's weights: distinct, nonzero, so a gradient routed to the wrong place shows.
block weights() {
    block m;
    m << 1.0, 2.0, 3.0,  //
        -4.0, 5.0, -6.0,  //
        7.0, -8.0, 9.0,   //
        10.0, 11.0, -12.0;
    return m;
}

/// Σ over the batch of z ⊙ slope(v), per row: the gradient of a param s added to every column.
template <class F>
column routed(const block& v, const block& zb, F slope) {
    column out = column::Zero();
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < n; ++j) out(i) += zb(i, j) * slope(v(i, j));
    return out;
}

constexpr double tol = 1e-14;
}  // namespace

BOOST_AUTO_TEST_CASE(min_ties_go_to_the_first_operand) {
    constexpr auto loss = sum(hadamard(min(x + s, x + t), z));
    auto train = compile<batch<n>, scalar_type<double>>(loss, wrt(s, t));
    params_for<decltype(loss), double> p;
    grads_for<decltype(loss), double> g;
    // Rows 0 and 3 tie (s = t: x + s and x + t are the same numbers), row 1 has a < b, row 2 a > b.
    p[s] = column(0.5, -1.0, 2.0, 0.25);
    p[t] = column(0.5, 1.0, -2.0, 0.25);
    block xb;
    xb << 0.1, -0.7, 0.3,  //
        0.2, 0.4, -0.9,    //
        -0.5, 0.6, 0.8,    //
        0.0, -0.25, 1.5;
    const block zb = weights();
    const double L = train(p, g, x = xb, z = zb);

    double expected = 0.0;
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < n; ++j) expected += zb(i, j) * std::min(xb(i, j) + p[s](i), xb(i, j) + p[t](i));
    BOOST_TEST(std::abs(L - expected) <= tol * 100);
    const column all = zb.rowwise().sum();
    const column ds(all(0), all(1), 0.0, all(3));  // the ties and a < b: all of G to a
    const column dt(0.0, 0.0, all(2), 0.0);        // only a > b: G to b
    BOOST_TEST((g[s] - ds).cwiseAbs().maxCoeff() <= tol);
    BOOST_TEST((g[t] - dt).cwiseAbs().maxCoeff() <= tol);

    // Swapping the operands swaps the roles: the tie now goes to t.
    constexpr auto swapped = sum(hadamard(min(x + t, x + s), z));
    auto train2 = compile<batch<n>, scalar_type<double>>(swapped, wrt(s, t));
    grads_for<decltype(swapped), double> g2;
    train2(p, g2, x = xb, z = zb);
    BOOST_TEST((g2[s] - column(0.0, all(1), 0.0, 0.0)).cwiseAbs().maxCoeff() <= tol);
    BOOST_TEST((g2[t] - column(all(0), 0.0, all(2), all(3))).cwiseAbs().maxCoeff() <= tol);
}

namespace {
/// Values on and around the kinks of abs (0), hard_tanh (±1) and prelu (0).
block kink_values() {
    block m;
    m << -2.0, -1.0, -0.5,  //
        0.0, 0.5, 1.0,      //
        2.0, -0.0, 0.25,    //
        1.0, 0.0, -1.0;
    return m;
}
}  // namespace

BOOST_AUTO_TEST_CASE(abs_slope_is_the_sign_and_zero_at_zero) {
    constexpr auto loss = sum(hadamard(abs(x + s), z));
    auto train = compile<batch<n>, scalar_type<double>>(loss, wrt(s));
    params_for<decltype(loss), double> p;
    grads_for<decltype(loss), double> g;
    p[s].setZero();
    const block xb = kink_values(), zb = weights();
    const double L = train(p, g, x = xb, z = zb);
    BOOST_TEST(std::abs(L - (zb.array() * xb.array().abs()).sum()) <= 1e-12);
    const column expected = routed(xb, zb, [](double v) { return v > 0 ? 1.0 : v < 0 ? -1.0 : 0.0; });
    BOOST_TEST((g[s] - expected).cwiseAbs().maxCoeff() <= tol);
}

BOOST_AUTO_TEST_CASE(hard_tanh_passes_strictly_inside_the_unit_interval) {
    constexpr auto loss = sum(hadamard(hard_tanh(x + s), z));
    auto train = compile<batch<n>, scalar_type<double>>(loss, wrt(s));
    params_for<decltype(loss), double> p;
    grads_for<decltype(loss), double> g;
    p[s].setZero();
    const block xb = kink_values(), zb = weights();
    const double L = train(p, g, x = xb, z = zb);
    BOOST_TEST(std::abs(L - (zb.array() * xb.array().max(-1.0).min(1.0)).sum()) <= 1e-12);
    const column expected = routed(xb, zb, [](double v) { return -1.0 < v && v < 1.0 ? 1.0 : 0.0; });
    BOOST_TEST((g[s] - expected).cwiseAbs().maxCoeff() <= tol);
}

BOOST_AUTO_TEST_CASE(prelu_slope_at_zero_is_a) {
    constexpr auto a = param<"a", 4>;
    constexpr auto loss = sum(hadamard(prelu(x + s, a), z));
    auto train = compile<batch<n>, scalar_type<double>>(loss, wrt(s, a));
    params_for<decltype(loss), double> p;
    grads_for<decltype(loss), double> g;
    p[s].setZero();
    p[a] = column(0.25, 0.1, 0.5, 0.75);
    const block xb = kink_values(), zb = weights();
    const double L = train(p, g, x = xb, z = zb);
    double expected = 0.0;
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < n; ++j) expected += zb(i, j) * (xb(i, j) > 0 ? xb(i, j) : p[a](i) * xb(i, j));
    BOOST_TEST(std::abs(L - expected) <= 1e-12);
    column ds = column::Zero(), da = column::Zero();
    for (int i = 0; i < 4; ++i) {
        for (int j = 0; j < n; ++j) {
            ds(i) += zb(i, j) * (xb(i, j) > 0 ? 1.0 : p[a](i));
            da(i) += zb(i, j) * std::min(xb(i, j), 0.0);
        }
    }
    BOOST_TEST((g[s] - ds).cwiseAbs().maxCoeff() <= tol);
    BOOST_TEST((g[a] - da).cwiseAbs().maxCoeff() <= tol);
}
