/// @file
/// Defines `quant::layer_params<Layer>` and `quant::qparams_for<E>`: the int8 parameters of a
/// network (quant/layers.hpp), as TFLite's int8 specification has them: weights int8,
/// symmetric, per output channel; biases int32 at input scale × weight scale; activations int8,
/// asymmetric, per tensor; requantization as a Q31 multiplier and a shift per output channel.
/// Shapes: one block per layer, sized by the layer. Backward: none.
/// Evaluation: a plain aggregate of std::arrays, so a `constexpr` one lives in flash; written by
/// quant::quantize (quant/quantize.hpp), read by quant::program (quant/program.hpp).
#pragma once

#include <exprnet/core/diagnostics.hpp>
#include <exprnet/detail/type_list.hpp>
#include <exprnet/quant/layers.hpp>

#include <array>
#include <cstddef>
#include <cstdint>

namespace exprnet::quant {

/// How real values are int8: real = scale · (q - zero_point).
struct int8_scale {
    float scale = 1;
    std::int32_t zero_point = 0;
};

template <class Layer>
struct layer_params {
    static constexpr int outputs = Layer::outputs, inputs = Layer::inputs;
    static constexpr int table_size = Layer::has_table ? 256 : 0;

    /// Row-major, in [-127, 127]; word-aligned, so a kernel may read 4 at a time.
    alignas(4) std::array<std::int8_t, std::size_t(outputs) * inputs> weight{};
    std::array<float, outputs> weight_scale{};                        ///< per output channel
    std::array<std::int32_t, outputs> bias{};        ///< at input scale × weight_scale[i], zero point 0
    std::array<std::int32_t, outputs> offset_bias{};  ///< bias - input zero point × Σⱼ weight[i][j]
    std::array<std::int32_t, outputs> multiplier{};  ///< input scale × weight_scale[i] / output scale, Q31
    std::array<std::int32_t, outputs> shift{};       ///< ... and its power of two
    int8_scale output;                               ///< of act(W · h + b), or of W · h + b with a table
    std::int32_t output_min = -128, output_max = 127;  ///< the clamp; relu's lower end is output's zero point
    std::array<std::int8_t, table_size> table{};     ///< act of each int8 value (q + 128), when a table
    int8_scale table_output;                         ///< the scale of the table's values
};

namespace detail {
template <class Layers>
struct all_layer_params;
template <class... Ls>
struct all_layer_params<exprnet::detail::type_list<Ls...>> : layer_params<Ls>... {};
}  // namespace detail

/// The int8 parameters of network E: the input's scale, then one layer_params per layer
/// (`q.layer<I>()`), and the scale of the output, which is the last layer's.
template <class E>
struct qparams_for : detail::all_layer_params<typename layers_of<E>::layers> {
    static_assert(layers_of<E>::supported, EXPRNET_MSG_QUANT_FORM);
    using layers = typename layers_of<E>::layers;
    static constexpr int layer_count = int(layers::size);

    int8_scale input;

    template <int I>
    constexpr auto& layer() {
        return static_cast<layer_params<exprnet::detail::at_t<std::size_t(I), layers>>&>(*this);
    }
    template <int I>
    constexpr const auto& layer() const {
        return static_cast<const layer_params<exprnet::detail::at_t<std::size_t(I), layers>>&>(*this);
    }
    /// The scale of the network's output: the last layer's activation (its table's, if one).
    constexpr int8_scale output() const {
        const auto& last = layer<layer_count - 1>();
        return last.table_size ? last.table_output : last.output;
    }
    template <int I>
    static constexpr int layer_outputs = exprnet::detail::at_t<std::size_t(I), layers>::outputs;
    template <int I>
    static constexpr int layer_inputs = exprnet::detail::at_t<std::size_t(I), layers>::inputs;
    /// Flash or RAM for the whole set.
    static constexpr std::size_t bytes = sizeof(detail::all_layer_params<layers>) + sizeof(int8_scale);
};

}  // namespace exprnet::quant
