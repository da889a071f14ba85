/// @file
/// Defines `quant::detail::avx2_kernel`, the int8 layer on x86 hosts with AVX2 (built with
/// `-mavx2` or `-march=native`); empty elsewhere. The input, widened once to int16, meets the
/// weights of four rows at a time, 16 at a time: VPMOVSXBW sign-extends 16 weights to int16 and
/// VPMADDWD multiplies them with 16 inputs and adds the products in pairs into 8 int32 lanes.
/// Integer sums are exact in any order, so the result is the plain loop's, bit for bit.
#pragma once

#if defined(__AVX2__)

#include <exprnet/quant/detail/finish.hpp>
#include <exprnet/quant/qparams.hpp>

#include <immintrin.h>

#include <cstddef>
#include <cstdint>

namespace exprnet::quant::detail {

/// 16 weights times 16 int16 inputs, summed in pairs: 8 int32 lanes.
inline __m256i avx2_products(const std::int8_t* w, __m256i x) {
    return _mm256_madd_epi16(_mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(w))), x);
}

/// The sums of the 8 lanes of a, b, c and d, in that order.
inline __m128i avx2_sums(__m256i a, __m256i b, __m256i c, __m256i d) {
    const __m256i abcd = _mm256_hadd_epi32(_mm256_hadd_epi32(a, b), _mm256_hadd_epi32(c, d));
    return _mm_add_epi32(_mm256_castsi256_si128(abcd), _mm256_extracti128_si256(abcd, 1));
}

struct avx2_kernel {
    static constexpr const char* name = "VPMADDWD (x86 AVX2)";
    using scratch = std::int16_t;  // the input, widened
    static constexpr int scratch_size(int widest_input) { return widest_input; }

    template <class Layer>
    static void run_layer(const layer_params<Layer>& l, const std::int8_t* in, std::int8_t* out, scratch* x) {
        constexpr int inputs = Layer::inputs, outputs = Layer::outputs, whole = inputs / 16 * 16;
        for (int j = 0; j < inputs; ++j) x[j] = in[j];
        const auto input = [&](int j) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(x + j)); };
        const auto tail = [&](const std::int8_t* w, std::int32_t acc) {
            for (int j = whole; j < inputs; ++j) acc += std::int32_t(w[j]) * std::int32_t(in[j]);
            return acc;
        };
        const std::int8_t* w = l.weight.data();
        int i = 0;
        for (; i + 4 <= outputs; i += 4, w += 4 * inputs) {
            __m256i a0 = _mm256_setzero_si256(), a1 = a0, a2 = a0, a3 = a0;
            for (int j = 0; j < whole; j += 16) {
                const __m256i xj = input(j);
                a0 = _mm256_add_epi32(a0, avx2_products(w + j, xj));
                a1 = _mm256_add_epi32(a1, avx2_products(w + inputs + j, xj));
                a2 = _mm256_add_epi32(a2, avx2_products(w + 2 * inputs + j, xj));
                a3 = _mm256_add_epi32(a3, avx2_products(w + 3 * inputs + j, xj));
            }
            alignas(16) std::int32_t sums[4];
            _mm_store_si128(reinterpret_cast<__m128i*>(sums), avx2_sums(a0, a1, a2, a3));
            for (int r = 0; r < 4; ++r)
                out[i + r] = finish(l, i + r, tail(w + r * inputs, l.offset_bias[std::size_t(i + r)] + sums[r]));
        }
        for (; i < outputs; ++i, w += inputs) {
            const __m256i zero = _mm256_setzero_si256();
            __m256i a = zero;
            for (int j = 0; j < whole; j += 16) a = _mm256_add_epi32(a, avx2_products(w + j, input(j)));
            const std::int32_t sum = _mm_cvtsi128_si32(avx2_sums(a, zero, zero, zero));
            out[i] = finish(l, i, tail(w, l.offset_bias[std::size_t(i)] + sum));
        }
    }
};

}  // namespace exprnet::quant::detail

#endif  // __AVX2__
