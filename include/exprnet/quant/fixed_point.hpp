/// @file
/// Defines the integer arithmetic of int8 inference, TFLite's (gemmlowp's) exactly:
/// `saturating_rounding_doubling_high_mul`, `rounding_divide_by_pot`,
/// `multiply_by_quantized_multiplier` and `quantized_multiplier` (a real multiplier as a Q31
/// integer and a power-of-two shift), and `saturate_int8`, `saturate_int32`.
/// Shapes: scalars. Backward: none (inference only). Evaluation: constexpr, no floating point
/// except in `quantized_multiplier`, which runs when a network is quantized.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

namespace exprnet::quant {

constexpr std::int8_t saturate_int8(std::int32_t v) {
    return std::int8_t(v < -128 ? -128 : v > 127 ? 127 : v);
}
constexpr std::int32_t saturate_int32(std::int64_t v) {
    constexpr std::int64_t lo = std::numeric_limits<std::int32_t>::min(), hi = std::numeric_limits<std::int32_t>::max();
    return std::int32_t(v < lo ? lo : v > hi ? hi : v);
}

/// (a · b · 2) / 2³², rounded to nearest (ties away from zero), saturated: gemmlowp's
/// SaturatingRoundingDoublingHighMul. The one overflow, INT32_MIN², gives INT32_MAX.
constexpr std::int32_t saturating_rounding_doubling_high_mul(std::int32_t a, std::int32_t b) {
    if (a == b && a == std::numeric_limits<std::int32_t>::min()) return std::numeric_limits<std::int32_t>::max();
    const std::int64_t ab = std::int64_t(a) * std::int64_t(b);
    const std::int64_t nudge = ab >= 0 ? (std::int64_t(1) << 30) : (1 - (std::int64_t(1) << 30));
    return std::int32_t((ab + nudge) / (std::int64_t(1) << 31));  // division truncates toward zero
}

/// x / 2^exponent rounded to nearest, ties away from zero: gemmlowp's RoundingDivideByPOT.
constexpr std::int32_t rounding_divide_by_pot(std::int32_t x, int exponent) {
    const std::int32_t mask = std::int32_t((std::int64_t(1) << exponent) - 1);
    const std::int32_t remainder = x & mask;
    const std::int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/// x · multiplier · 2^shift / 2³¹, as TFLite's MultiplyByQuantizedMultiplier: a left shift
/// (shift > 0) before the high multiply, a rounding right shift (shift < 0) after it. The left
/// shift saturates where TFLite's would overflow.
constexpr std::int32_t multiply_by_quantized_multiplier(std::int32_t x, std::int32_t multiplier, int shift) {
    const int left = shift > 0 ? shift : 0, right = shift > 0 ? 0 : -shift;
    const std::int32_t shifted = saturate_int32(std::int64_t(x) * (std::int64_t(1) << left));
    return rounding_divide_by_pot(saturating_rounding_doubling_high_mul(shifted, multiplier), right);
}

/// A real multiplier m ≥ 0 as multiplier · 2^shift / 2³¹ with multiplier in [2³⁰, 2³¹) (or 0):
/// TFLite's QuantizeMultiplier. Tiny multipliers (below 2⁻³¹ of the smallest normal step) are 0.
struct fixed_multiplier {
    std::int32_t multiplier = 0;
    int shift = 0;
};

inline fixed_multiplier quantized_multiplier(double m) {
    if (!(m > 0)) return {};
    int shift = 0;
    const double q = std::frexp(m, &shift);  // m = q · 2^shift, q in [0.5, 1)
    auto q_fixed = static_cast<std::int64_t>(std::round(q * double(std::int64_t(1) << 31)));
    if (q_fixed == (std::int64_t(1) << 31)) {
        q_fixed /= 2;
        ++shift;
    }
    if (shift < -31) return {};
    if (shift > 30) return {std::numeric_limits<std::int32_t>::max(), 30};
    return {std::int32_t(q_fixed), shift};
}

}  // namespace exprnet::quant
