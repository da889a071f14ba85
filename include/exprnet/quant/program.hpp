/// @file
/// Defines `quant::program<E, Batch>`, what `quant::compile<batch<N>>(e)` returns: int8
/// inference of network E (quant/layers.hpp) with the parameters of quant::quantize. A call
/// quantizes each input column, runs the layers on int8 values with int32 accumulators, and
/// gives float scores (dequantized) or the argmax of each column.
/// Shapes: input rows × N in, outputs × N out. Backward: none (inference only).
/// Evaluation: per column, per layer, per output: acc = offset_bias[i] + Σⱼ weight[i][j] · h[j],
/// then multiply_by_quantized_multiplier, the output zero point, the clamp and the table; on
/// cores with the DSP extension the sum runs two products per SMLAD. The workspace (two int8
/// buffers of the widest layer; with SMLAD, the input as 16-bit pairs) is inside the program
/// object; no heap.
#pragma once

#include <exprnet/core/diagnostics.hpp>
#include <exprnet/eval/binding.hpp>
#include <exprnet/eval/compile.hpp>
#include <exprnet/quant/fixed_point.hpp>
#include <exprnet/quant/layers.hpp>
#include <exprnet/quant/qparams.hpp>

#include <Eigen/Core>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <utility>

#if defined(__ARM_FEATURE_DSP)
#include <arm_acle.h>
#endif

namespace exprnet::quant {

namespace detail {

/// The largest of the sizes (0 if none).
template <int... Sizes>
inline constexpr int largest = [] {
    int w = 0;
    for (int n : {0, Sizes...}) w = n > w ? n : w;
    return w;
}();

template <class Layers>
struct layer_sizes;
template <class... Ls>
struct layer_sizes<exprnet::detail::type_list<Ls...>> {
    static constexpr int widest_output = largest<Ls::outputs...>;  // the input and output are the caller's
    static constexpr int widest_input = largest<Ls::inputs...>;
};

/// The end of a layer for output i: requantize the accumulator, add the zero point, clamp,
/// look up the table.
template <class Layer>
std::int8_t finish(const layer_params<Layer>& l, int i, std::int32_t acc) {
    std::int32_t v = multiply_by_quantized_multiplier(acc, l.multiplier[std::size_t(i)], l.shift[std::size_t(i)]) +
                     l.output.zero_point;
    v = v < l.output_min ? l.output_min : v > l.output_max ? l.output_max : v;
    if constexpr (Layer::has_table) v = l.table[std::size_t(v + 128)];
    return std::int8_t(v);
}

#if defined(__ARM_FEATURE_DSP)
/// Cores with the DSP extension (M4, M7, M33): the input, widened once to 16-bit pairs
/// (x0, x2), (x1, x3) per group of 4, meets the weights of two rows at a time, read 4 at a time,
/// sign-extended in pairs by SXTB16 (bytes 0 and 2; then, rotated by 8, bytes 1 and 3), and
/// accumulated two products at a time by SMLAD (CMSIS-NN's scheme).
inline constexpr bool dsp_kernel = true;

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

template <class Layer>
void run_layer(const layer_params<Layer>& l, const std::int8_t* in, std::int8_t* out, std::int32_t* pairs) {
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
#else
inline constexpr bool dsp_kernel = false;

/// Elsewhere (M0, M3, the host): the plain loop, one multiply-accumulate at a time.
template <class Layer>
void run_layer(const layer_params<Layer>& l, const std::int8_t* in, std::int8_t* out, std::int32_t*) {
    for (int i = 0; i < Layer::outputs; ++i) {
        const std::int8_t* w = l.weight.data() + std::ptrdiff_t(i) * Layer::inputs;
        std::int32_t acc = l.offset_bias[std::size_t(i)];
        for (int j = 0; j < Layer::inputs; ++j) acc += std::int32_t(w[j]) * std::int32_t(in[j]);
        out[i] = finish(l, i, acc);
    }
}
#endif

}  // namespace detail

/// real → int8 at s: round to nearest (ties away from zero), then saturate (NaN → -128).
inline std::int8_t quantize_value(float real, int8_scale s) {
    float steps = real / s.scale;
    steps = steps > -1000.0f ? (steps < 1000.0f ? steps : 1000.0f) : -1000.0f;  // far outside int8, and no overflow
    return saturate_int8(std::int32_t(std::lround(steps)) + s.zero_point);
}
constexpr float dequantize_value(std::int8_t q, int8_scale s) { return s.scale * float(std::int32_t(q) - s.zero_point); }

template <class E, int Batch>
class program {
    using chain = layers_of<E>;
    static_assert(chain::supported, EXPRNET_MSG_QUANT_FORM);

public:
    using layers = typename chain::layers;
    using input_leaf = typename chain::input;
    using params = qparams_for<E>;
    static constexpr int inputs = input_leaf::rows;
    static constexpr int outputs = E::rows;
    static constexpr int batch = Batch;
    /// The program object's bytes: two int8 buffers for the widest layer's outputs.
    static constexpr int width = detail::layer_sizes<layers>::widest_output;
    /// With the DSP kernel, also the widest input as 16-bit pairs.
    static constexpr int pair_words = detail::dsp_kernel ? detail::layer_sizes<layers>::widest_input / 2 : 0;
    static constexpr std::size_t workspace_bytes = 2 * std::size_t(width) + 4 * std::size_t(pair_words);

    /// The int8 network on one quantized column: `in` inputs values at q.input's scale, `out`
    /// outputs values at q.output()'s.
    void run_int8(const params& q, const std::int8_t* in, std::int8_t* out) {
        run_layers(q, in, out, std::make_index_sequence<layers::size>{});
    }

    /// Float in, float scores out (dequantized), one column per sample.
    template <class Value>
    Eigen::Matrix<float, outputs, Batch> operator()(const params& q, const binding<input_leaf, Value>& x) {
        Eigen::Matrix<float, outputs, Batch> scores;
        const int8_scale scale = q.output();
        for_each_column(q, x, [&](int j, const std::array<std::int8_t, outputs>& out) {
            for (int k = 0; k < outputs; ++k) scores(k, j) = dequantize_value(out[std::size_t(k)], scale);
        });
        return scores;
    }

    /// The class of each column: the first of the largest int8 scores (dequantizing does not
    /// change the order).
    template <class Value>
    std::array<int, Batch> classify(const params& q, const binding<input_leaf, Value>& x) {
        std::array<int, Batch> classes{};
        for_each_column(q, x, [&](int j, const std::array<std::int8_t, outputs>& out) {
            int best = 0;
            for (int k = 1; k < outputs; ++k) best = out[std::size_t(k)] > out[std::size_t(best)] ? k : best;
            classes[std::size_t(j)] = best;
        });
        return classes;
    }

private:
    /// Quantizes each column of x at q.input, runs it, and hands its int8 scores to f(j, out).
    template <class Value, class F>
    void for_each_column(const params& q, const binding<input_leaf, Value>& x, F&& f) {
        EXPRNET_ASSERT(x.value.rows() == inputs && x.value.cols() == Batch,
                       "exprnet: quant::program: the input must have the input's rows and the batch's columns");
        std::array<std::int8_t, inputs> in{};
        std::array<std::int8_t, outputs> out{};
        for (int j = 0; j < Batch; ++j) {
            for (int k = 0; k < inputs; ++k) in[std::size_t(k)] = quantize_value(float(x.value(k, j)), q.input);
            run_int8(q, in.data(), out.data());
            f(j, out);
        }
    }

    template <std::size_t... Is>
    void run_layers(const params& q, const std::int8_t* in, std::int8_t* out, std::index_sequence<Is...>) {
        // Layer I reads from buffer (I + 1) % 2 (the input for I = 0) and writes to I % 2 (out
        // for the last).
        std::int8_t* buffers[2] = {a_.data(), b_.data()};
        const std::int8_t* from = in;
        (
            [&] {
                std::int8_t* to = Is + 1 == sizeof...(Is) ? out : buffers[Is % 2];
                detail::run_layer(q.template layer<int(Is)>(), from, to, pairs_.data());
                from = to;
            }(),
            ...);
    }

    std::array<std::int8_t, width> a_{}, b_{};
    std::array<std::int32_t, pair_words> pairs_{};
};

/// The int8 program of network E for batch<N> (quant::quantize makes its parameters).
template <class Batch, class E>
constexpr auto compile(E) {
    static_assert(exprnet::detail::is_batch_option_v<Batch> && Batch::value > 0, EXPRNET_MSG_QUANT_BATCH);
    return program<E, Batch::value>{};
}

}  // namespace exprnet::quant
