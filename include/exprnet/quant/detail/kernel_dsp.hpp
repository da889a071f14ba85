/// @file
/// Defines `quant::detail::dsp_kernel`, the int8 layer on Arm cores with the DSP extension (M4,
/// M7, M33); empty elsewhere. The input, widened once to 16-bit pairs (x0, x2), (x1, x3) per
/// group of 4, meets the weights of two rows at a time, read 4 at a time, sign-extended in pairs
/// by SXTB16 (bytes 0 and 2; then, rotated by 8, bytes 1 and 3), and accumulated two products at
/// a time by SMLAD (CMSIS-NN's scheme).
#pragma once

#if defined(__ARM_FEATURE_DSP)

#include <exprnet/quant/detail/finish.hpp>
#include <exprnet/quant/qparams.hpp>

#include <arm_acle.h>

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace exprnet::quant::detail {

template <int Inputs>
void widen_pairs(const std::int8_t* in, std::int32_t* pairs) {
    for (int j = 0; j + 4 <= Inputs; j += 4) {
        const auto lo = std::uint16_t(std::int16_t(in[j])), hi = std::uint16_t(std::int16_t(in[j + 2]));
        const auto lo1 = std::uint16_t(std::int16_t(in[j + 1])), hi1 = std::uint16_t(std::int16_t(in[j + 3]));
        pairs[j / 2] = std::int32_t(std::uint32_t(lo) | std::uint32_t(hi) << 16);
        pairs[j / 2 + 1] = std::int32_t(std::uint32_t(lo1) | std::uint32_t(hi1) << 16);
    }
}

/// Bytes 1 and 3 of w, sign-extended to 16-bit halves: SXTB16 with its own rotation (the
/// intrinsic form leaves the rotation to a separate instruction).
inline std::int32_t sxtb16_ror8(std::uint32_t w) {
    std::int32_t r;
    __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(w));
    return r;
}

inline std::uint32_t four_weights(const std::int8_t* w) {
    std::uint32_t v;
    std::memcpy(&v, w, 4);  // one LDR: rows start word-aligned when inputs % 4 == 0
    return v;
}

/// Rows i and i + 1 together, so that each pair of input words is loaded once for both.
template <int Inputs>
void two_rows(const std::int8_t* w0, const std::int32_t* x, std::int32_t& acc0, std::int32_t& acc1) {
    const std::int8_t* w1 = w0 + Inputs;
    for (int j = 0; j < Inputs / 4 * 4; j += 4, x += 2) {
        const std::uint32_t a = four_weights(w0 + j), b = four_weights(w1 + j);
        const std::int32_t x02 = x[0], x13 = x[1];
        acc0 = __smlad(__sxtb16(std::int32_t(a)), x02, acc0);
        acc1 = __smlad(__sxtb16(std::int32_t(b)), x02, acc1);
        acc0 = __smlad(sxtb16_ror8(a), x13, acc0);
        acc1 = __smlad(sxtb16_ror8(b), x13, acc1);
    }
}

template <int Inputs>
std::int32_t one_row(const std::int8_t* w, const std::int32_t* x, std::int32_t acc) {
    for (int j = 0; j < Inputs / 4 * 4; j += 4, x += 2) {
        const std::uint32_t a = four_weights(w + j);
        acc = __smlad(__sxtb16(std::int32_t(a)), x[0], acc);
        acc = __smlad(sxtb16_ror8(a), x[1], acc);
    }
    return acc;
}

struct dsp_kernel {
    static constexpr const char* name = "SMLAD (Arm DSP extension)";
    using scratch = std::int32_t;  // the input as 16-bit pairs
    static constexpr int scratch_size(int widest_input) { return widest_input / 2; }

    template <class Layer>
    static void run_layer(const layer_params<Layer>& l, const std::int8_t* in, std::int8_t* out, std::int32_t* pairs) {
        constexpr int inputs = Layer::inputs, outputs = Layer::outputs, whole = inputs / 4 * 4;
        widen_pairs<inputs>(in, pairs);
        const auto tail = [&](const std::int8_t* w, std::int32_t acc) {
            for (int j = whole; j < inputs; ++j) acc += std::int32_t(w[j]) * std::int32_t(in[j]);
            return acc;
        };
        int i = 0;
        for (; i + 2 <= outputs; i += 2) {
            const std::int8_t* w = l.weight.data() + std::ptrdiff_t(i) * inputs;
            std::int32_t acc0 = l.offset_bias[std::size_t(i)], acc1 = l.offset_bias[std::size_t(i + 1)];
            two_rows<inputs>(w, pairs, acc0, acc1);
            out[i] = finish(l, i, tail(w, acc0));
            out[i + 1] = finish(l, i + 1, tail(w + inputs, acc1));
        }
        if (i < outputs) {
            const std::int8_t* w = l.weight.data() + std::ptrdiff_t(i) * inputs;
            out[i] = finish(l, i, tail(w, one_row<inputs>(w, pairs, l.offset_bias[std::size_t(i)])));
        }
    }
};

}  // namespace exprnet::quant::detail

#endif  // __ARM_FEATURE_DSP
