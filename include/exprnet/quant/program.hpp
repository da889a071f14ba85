/// @file
/// Defines `quant::program<E, Batch>`, what `quant::compile<batch<N>>(e)` returns: int8
/// inference of network E (quant/layers.hpp) with the parameters of quant::quantize. A call
/// quantizes each input column, runs the layers on int8 values with int32 accumulators, and
/// gives float scores (dequantized) or the argmax of each column.
/// Shapes: input rows × N in, outputs × N out. Backward: none (inference only).
/// Evaluation: per column, per layer, per output: acc = offset_bias[i] + Σⱼ weight[i][j] · h[j],
/// then multiply_by_quantized_multiplier, the output zero point, the clamp and the table; the
/// sums run in the build's kernel (quant/detail/kernel.hpp: SMLAD on Arm cores with the DSP
/// extension, VPMADDWD with AVX2, else the plain loop). The workspace (two int8 buffers of the
/// widest layer and the kernel's scratch) is inside the program object; no heap.
#pragma once

#include <exprnet/core/diagnostics.hpp>
#include <exprnet/eval/binding.hpp>
#include <exprnet/eval/compile.hpp>
#include <exprnet/quant/detail/kernel.hpp>
#include <exprnet/quant/fixed_point.hpp>
#include <exprnet/quant/layers.hpp>
#include <exprnet/quant/qparams.hpp>

#include <Eigen/Core>

#include <array>
#include <bit>
#include <cstdint>
#include <utility>

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


}  // namespace detail

/// real → int8 at s: round to nearest (ties away from zero, as std::lround), then saturate
/// (NaN → -128). Written without branches or float compares, so that a loop over an input
/// vectorizes (as a scalar loop of compares and lround calls it was a third of a 784-100-10
/// call on the host): the steps are clamped to ±1000 (NaN to -1000) on their bits, then rounded
/// as truncate(steps ± 0.49999997), which equals lround for every float (checked on all 2³²).
inline std::int8_t quantize_value(float real, int8_scale s) {
    constexpr std::uint32_t sign = 0x80000000u, limit = std::bit_cast<std::uint32_t>(1000.0f);
    constexpr std::uint32_t infinity = 0x7f800000u, below_half = std::bit_cast<std::uint32_t>(0.49999997f);
    const auto bits = std::bit_cast<std::uint32_t>(real / s.scale);
    const std::uint32_t magnitude = bits & ~sign;
    const std::uint32_t nan = 0u - std::uint32_t(magnitude > infinity), large = 0u - std::uint32_t(magnitude > limit);
    std::uint32_t steps = (bits & ~large) | ((limit | (bits & sign)) & large);
    steps = (steps & ~nan) | ((limit | sign) & nan);
    const float half = std::bit_cast<float>((steps & sign) | below_half);
    return saturate_int8(std::int32_t(std::bit_cast<float>(steps) + half) + s.zero_point);
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
    /// The kernel's scratch: with SMLAD the input as 16-bit pairs, with AVX2 as int16, else none.
    using kernel = detail::kernel;
    static constexpr int scratch_size = kernel::scratch_size(detail::layer_sizes<layers>::widest_input);
    static constexpr std::size_t workspace_bytes =
        2 * std::size_t(width) + sizeof(typename kernel::scratch) * std::size_t(scratch_size);

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
                kernel::run_layer(q.template layer<int(Is)>(), from, to, scratch_.data());
                from = to;
            }(),
            ...);
    }

    std::array<std::int8_t, width> a_{}, b_{};
    std::array<typename kernel::scratch, scratch_size> scratch_{};
};

/// The int8 program of network E for batch<N> (quant::quantize makes its parameters).
template <class Batch, class E>
constexpr auto compile(E) {
    static_assert(exprnet::detail::is_batch_option_v<Batch> && Batch::value > 0, EXPRNET_MSG_QUANT_BATCH);
    return program<E, Batch::value>{};
}

}  // namespace exprnet::quant
