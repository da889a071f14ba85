/// @file
/// Test support for the forward tests of tests/ops/: an elementwise program's output against a
/// formula written in the test, element by element. The inputs are 5×8 blocks of random values
/// in [-4, 4), exact in float, whose first column holds the kinks of the activations (0, ±1)
/// and whose second holds values near them; the formula is computed in double from the same
/// values; the tolerance is relative to max(1, |expected|): 4e-6 for a float program (its exp
/// and tanh are Eigen's vectorised ones, accurate to a few float ulps; the tests of
/// tests/ops/ pass at 1e-6 with g++ 12), 1e-13 for a double one (they pass at 1e-14).
#pragma once

#include <exprnet/exprnet.hpp>

#include <boost/test/unit_test.hpp>

#include "support/reference_nets.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <tuple>
#include <type_traits>

namespace forward_check {

inline constexpr int n = 8;
inline constexpr int rows = 5;
inline constexpr auto x = exprnet::input<"x", rows>;
inline constexpr auto y = exprnet::input<"y", rows>;

/// The scalar types of the programs (BOOST_AUTO_TEST_CASE_TEMPLATE).
using scalars = std::tuple<float, double>;

template <class S>
using block = Eigen::Matrix<S, rows, n>;

template <class S>
inline constexpr double tolerance = std::is_same_v<S, float> ? 4e-6 : 1e-13;

/// Random values in [-4, 4), exact in float; the first column holds the kinks of abs, prelu,
/// elu, leaky_relu (0) and hard_tanh (±1), the second values near them.
template <class S>
block<S> inputs(std::uint64_t seed) {
    reference::rng r(seed);
    block<S> m;
    reference::fill(m, r, 4.0);
    m.col(0) << S(0), S(-1), S(1), S(-3.5), S(2.5);
    m.col(1) << S(-0.5), S(0.5), S(1e-3), S(-1e-3), S(-0.0);
    return m;
}

/// Every element of `got` against expected(i, j), within tolerance<S> · max(1, |expected|),
/// and finite.
template <class S, class Got, class F>
void check(const Got& got, F expected) {
    BOOST_TEST_REQUIRE(got.rows() == rows);
    BOOST_TEST_REQUIRE(got.cols() == n);
    for (int j = 0; j < n; ++j) {
        for (int i = 0; i < rows; ++i) {
            const double want = expected(i, j);
            const double have = double(got(i, j));
            BOOST_TEST(std::isfinite(have), "(" << i << ", " << j << ") is " << have);
            BOOST_TEST(std::abs(have - want) <= tolerance<S> * std::max(1.0, std::abs(want)),
                       "(" << i << ", " << j << "): " << have << ", expected " << want);
        }
    }
}

/// compile<batch<8>, scalar_type<S>>(e), e an elementwise function of x alone, against
/// `formula` (double -> double) on inputs<S>(seed).
template <class S, class E, class F>
void check_unary(E e, F formula, std::uint64_t seed = 1) {
    using namespace exprnet;
    auto program = compile<batch<n>, scalar_type<S>>(e);
    const params_for<E, S> p;
    const block<S> xb = inputs<S>(seed);
    check<S>(program(p, x = xb), [&](int i, int j) { return formula(double(xb(i, j))); });
}

}  // namespace forward_check
