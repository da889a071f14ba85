// An independent reference of int8 inference, written loop by loop from TFLite's 8-bit
// quantization specification and its reference kernels' arithmetic (not from exprnet's code):
//   fully connected: acc = bias[i] + Σⱼ (input[j] + input_offset) · filter[i][j], with
//                    input_offset = -input_zero_point, in int32;
//   requantize:      acc · M with M = multiplier · 2^shift / 2³¹: the doubling high multiply
//                    rounds half up (floor of x + ½), the power-of-two division rounds half away
//                    from zero; then + output_zero_point and the clamp to [act_min, act_max];
//   lookup:          an activation by a 256-entry table indexed by q + 128.
// The arithmetic is written differently from gemmlowp's (floor shifts and remainders instead
// of nudges and masks), so that agreement is evidence, not a copy.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <limits>
#include <vector>

namespace reference {

inline std::int32_t doubling_high_mul(std::int32_t a, std::int32_t b) {
    if (a == std::numeric_limits<std::int32_t>::min() && b == a) return std::numeric_limits<std::int32_t>::max();
    const std::int64_t product = std::int64_t(a) * b;           // = 2³¹ · (a·b·2 / 2³²)
    return std::int32_t((product + (std::int64_t(1) << 30)) >> 31);  // floor(x + 1/2)
}

inline std::int32_t divide_by_power_of_two(std::int32_t x, int exponent) {
    if (exponent == 0) return x;
    const std::int64_t d = std::int64_t(1) << exponent;
    std::int64_t q = x / d;                                  // toward zero
    const std::int64_t r = x % d;                            // same sign as x
    if (2 * std::llabs(r) >= d) q += x < 0 ? -1 : 1;         // ties away from zero
    return std::int32_t(q);
}

inline std::int32_t requantize(std::int32_t acc, std::int32_t multiplier, int shift) {
    std::int64_t x = acc;
    if (shift > 0) {
        x *= std::int64_t(1) << shift;
        if (x > std::numeric_limits<std::int32_t>::max()) x = std::numeric_limits<std::int32_t>::max();
        if (x < std::numeric_limits<std::int32_t>::min()) x = std::numeric_limits<std::int32_t>::min();
    }
    return divide_by_power_of_two(doubling_high_mul(std::int32_t(x), multiplier), shift > 0 ? 0 : -shift);
}

struct layer {
    int inputs = 0, outputs = 0;
    std::vector<std::int8_t> filter;  // outputs × inputs, row-major
    std::vector<std::int32_t> bias, multiplier, shift;
    std::int32_t input_zero_point = 0, output_zero_point = 0, act_min = -128, act_max = 127;
    std::vector<std::int8_t> table;  // empty: none
};

inline std::vector<std::int8_t> fully_connected(const layer& l, const std::vector<std::int8_t>& input) {
    std::vector<std::int8_t> out(std::size_t(l.outputs));
    const std::int32_t input_offset = -l.input_zero_point;
    for (int i = 0; i < l.outputs; ++i) {
        std::int32_t acc = 0;
        for (int j = 0; j < l.inputs; ++j)
            acc += (std::int32_t(input[std::size_t(j)]) + input_offset) * std::int32_t(l.filter[std::size_t(i * l.inputs + j)]);
        acc += l.bias[std::size_t(i)];
        std::int32_t v = requantize(acc, l.multiplier[std::size_t(i)], l.shift[std::size_t(i)]) + l.output_zero_point;
        if (v < l.act_min) v = l.act_min;
        if (v > l.act_max) v = l.act_max;
        if (!l.table.empty()) v = l.table[std::size_t(v + 128)];
        out[std::size_t(i)] = std::int8_t(v);
    }
    return out;
}

}  // namespace reference
