/// @file
/// Defines `quant::program<E, Batch>`, what `quant::compile<batch<N>>(e)` returns: int8
/// inference of network E (quant/layers.hpp) with the parameters of quant::quantize. A call
/// quantizes each input column, runs the layers on int8 values with int32 accumulators, and
/// gives float scores (dequantized) or the argmax of each column.
/// Shapes: input rows × N in, outputs × N out. Backward: none (inference only).
/// Evaluation: per column, per layer, per output: acc = offset_bias[i] + Σⱼ weight[i][j] · h[j],
/// then multiply_by_quantized_multiplier, the output zero point, the clamp and the table; the
/// workspace is two int8 buffers of the widest layer, inside the program object; no heap.
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
#include <utility>

namespace exprnet::quant {

namespace detail {

template <class Layers>
struct widest;
template <class... Ls>
struct widest<exprnet::detail::type_list<Ls...>> {
    static constexpr int value = [] {
        int w = 0;
        for (int n : {Ls::outputs...}) w = n > w ? n : w;  // the input and the output are the caller's
        return w;
    }();
};

/// One layer on one column: in (inputs values) to out (outputs values), int8.
template <class Layer>
void run_layer(const layer_params<Layer>& l, const std::int8_t* in, std::int8_t* out) {
    for (int i = 0; i < Layer::outputs; ++i) {
        const std::int8_t* w = l.weight.data() + std::ptrdiff_t(i) * Layer::inputs;
        std::int32_t acc = l.offset_bias[std::size_t(i)];
        for (int j = 0; j < Layer::inputs; ++j) acc += std::int32_t(w[j]) * std::int32_t(in[j]);
        std::int32_t v = multiply_by_quantized_multiplier(acc, l.multiplier[std::size_t(i)], l.shift[std::size_t(i)]) +
                         l.output.zero_point;
        v = v < l.output_min ? l.output_min : v > l.output_max ? l.output_max : v;
        if constexpr (Layer::has_table) v = l.table[std::size_t(v + 128)];
        out[i] = std::int8_t(v);
    }
}

}  // namespace detail

/// real → int8 at s: round to nearest (ties away from zero), then saturate.
inline std::int8_t quantize_value(float real, int8_scale s) {
    return saturate_int8(std::int32_t(std::lround(real / s.scale)) + s.zero_point);
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
    static constexpr int width = detail::widest<layers>::value;
    static constexpr std::size_t workspace_bytes = 2 * std::size_t(width);

    /// The int8 network on one quantized column: `in` inputs values at q.input's scale, `out`
    /// outputs values at q.output()'s.
    void run_int8(const params& q, const std::int8_t* in, std::int8_t* out) {
        run_layers(q, in, out, std::make_index_sequence<layers::size>{});
    }

    /// Float in, float scores out (dequantized), one column per sample.
    template <class Value>
    Eigen::Matrix<float, outputs, Batch> operator()(const params& q, const binding<input_leaf, Value>& x) {
        check_columns(x);
        Eigen::Matrix<float, outputs, Batch> scores;
        std::array<std::int8_t, inputs> in{};
        std::array<std::int8_t, outputs> out{};
        for (int j = 0; j < Batch; ++j) {
            for (int k = 0; k < inputs; ++k) in[std::size_t(k)] = quantize_value(float(x.value(k, j)), q.input);
            run_int8(q, in.data(), out.data());
            for (int k = 0; k < outputs; ++k) scores(k, j) = dequantize_value(out[std::size_t(k)], q.output());
        }
        return scores;
    }

    /// The class of each column: the first of the largest int8 scores (dequantizing does not
    /// change the order).
    template <class Value>
    std::array<int, Batch> classify(const params& q, const binding<input_leaf, Value>& x) {
        check_columns(x);
        std::array<int, Batch> classes{};
        std::array<std::int8_t, inputs> in{};
        std::array<std::int8_t, outputs> out{};
        for (int j = 0; j < Batch; ++j) {
            for (int k = 0; k < inputs; ++k) in[std::size_t(k)] = quantize_value(float(x.value(k, j)), q.input);
            run_int8(q, in.data(), out.data());
            int best = 0;
            for (int k = 1; k < outputs; ++k) best = out[std::size_t(k)] > out[std::size_t(best)] ? k : best;
            classes[std::size_t(j)] = best;
        }
        return classes;
    }

private:
    template <class Value>
    static void check_columns(const binding<input_leaf, Value>& x) {
        EXPRNET_ASSERT(x.value.rows() == inputs && x.value.cols() == Batch,
                       "exprnet: quant::program: the input must have the input's rows and the batch's columns");
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
                detail::run_layer(q.template layer<int(Is)>(), from, to);
                from = to;
            }(),
            ...);
    }

    std::array<std::int8_t, width> a_{}, b_{};
};

/// The int8 program of network E for batch<N> (quant::quantize makes its parameters).
template <class Batch, class E>
constexpr auto compile(E) {
    static_assert(exprnet::detail::is_batch_option_v<Batch> && Batch::value > 0, EXPRNET_MSG_QUANT_BATCH);
    return program<E, Batch::value>{};
}

}  // namespace exprnet::quant
