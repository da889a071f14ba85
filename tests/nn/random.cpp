// nn/random.hpp: the counter-based generator against published test vectors and against values
// computed by an independent Python implementation of the documented formulas (exact rational
// arithmetic with fractions.Fraction, rounded once; the script is quoted in docs/training.md).
#include <boost/test/unit_test.hpp>

#include <exprnet/nn/random.hpp>

#include <cmath>
#include <cstdint>

using exprnet::nn::counter_rng;
using exprnet::nn::mix64;
using exprnet::nn::name_stream;

BOOST_AUTO_TEST_CASE(test_vectors_of_splitmix64_and_fnv1a) {
    // splitmix64 seeded with 0 returns mix64(0x9e3779b97f4a7c15) first: 0xe220a8397b1dcdaf
    // (the reference implementation's first output, Vigna's splitmix64.c).
    BOOST_TEST(mix64(0x9e3779b97f4a7c15ULL) == 0xe220a8397b1dcdafULL);
    // FNV-1a 64 of "a" (the FNV reference test suite).
    BOOST_TEST(name_stream("a") == 0xaf63dc4c8601ec8cULL);
}

BOOST_AUTO_TEST_CASE(bits_match_the_python_implementation) {
    BOOST_TEST(counter_rng{42}.bits(7, 0) == 0xdeb745320506897aULL);
    BOOST_TEST(counter_rng{42}.bits(7, 1) == 0xab8922ad642bda36ULL);
    BOOST_TEST(counter_rng{0}.bits(0, 0) == 0x568a9b0b1a2c05ecULL);
    BOOST_TEST(name_stream("W1") == 0x09380707b5c97365ULL);
}

BOOST_AUTO_TEST_CASE(uniform_is_symmetric_and_inside_its_bound) {
    const counter_rng rng{3};
    double sum = 0, sum_sq = 0;
    constexpr int n = 200000;
    for (int i = 0; i < n; ++i) {
        const double u = rng.uniform(1, std::uint64_t(i), 2.0);
        BOOST_REQUIRE(u > -2.0);
        BOOST_REQUIRE(u < 2.0);
        sum += u;
        sum_sq += u * u;
    }
    // uniform(-2, 2): mean 0, variance 4/3; the standard error of the mean is sqrt(4/3 / n).
    BOOST_TEST(std::abs(sum / n) < 5 * std::sqrt(4.0 / 3 / n));
    BOOST_TEST(std::abs(sum_sq / n - 4.0 / 3) < 0.01);
}

BOOST_AUTO_TEST_CASE(normal_has_mean_zero_and_the_requested_deviation) {
    const counter_rng rng{5};
    double sum = 0, sum_sq = 0, sum_4 = 0;
    constexpr int n = 100000;
    for (int i = 0; i < n; ++i) {
        const double z = rng.normal(9, std::uint64_t(i), 0.5);
        BOOST_REQUIRE(std::abs(z) <= 6 * 0.5);  // Irwin-Hall: at most 6 deviations
        sum += z;
        sum_sq += z * z;
        sum_4 += z * z * z * z;
    }
    const double var = sum_sq / n;
    BOOST_TEST(std::abs(sum / n) < 5 * 0.5 / std::sqrt(double(n)));
    BOOST_TEST(std::abs(var - 0.25) < 0.01 * 0.25 * 3);
    // Kurtosis: 3 for a normal, 3 - 1/10 for the sum of 12 uniforms; a uniform would give 1.8.
    BOOST_TEST(std::abs(sum_4 / n / (var * var) - 2.9) < 0.06);
}
