/// @file
/// Defines `quant::quantize(e, p, x, q)`: post-training quantization of network e with float
/// parameters p into int8 parameters q (quant/qparams.hpp), calibrated on the columns of x:
/// each layer's weights per output channel (symmetric, max |w| → 127), its bias at input scale ×
/// weight scale, and each activation's range over x, as the float network computes it; relu
/// ranges start at 0 (the clamp's lower end is the zero point); sigmoid and tanh tables have
/// TFLite's fixed output scales (1/256 with zero point -128; 1/128 with 0), other ops' tables
/// the calibrated range of their outputs.
/// Shapes: x is the input's rows × any number of columns. Backward: none.
/// Evaluation: on the host, in float (the network's own op definitions, `Op::apply`), once.
#pragma once

#include <exprnet/quant/fixed_point.hpp>
#include <exprnet/quant/layers.hpp>
#include <exprnet/quant/program.hpp>
#include <exprnet/quant/qparams.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <type_traits>
#include <utility>

namespace exprnet::quant {

/// The asymmetric int8 scale of the real range [lo, hi], widened to hold 0 (TFLite's rule: 0 is
/// exact, so zero padding and relu's clamp are exact).
inline int8_scale asymmetric_scale(double lo, double hi) {
    lo = std::min(lo, 0.0);
    hi = std::max(hi, 0.0);
    if (!(hi > lo)) return {1.0f / 255.0f, -128};  // an all-zero range: any scale is exact
    const auto scale = float((hi - lo) / 255.0);
    const long zero_point = -128 - std::lround(lo / double(scale));
    return {scale, std::int32_t(std::clamp(zero_point, -128L, 127L))};
}

namespace detail {

template <class Op>
float apply_op(float v) {
    Eigen::Array<float, 1, 1> a;
    a(0) = v;
    const Eigen::Array<float, 1, 1> r = Op::apply(a);
    return r(0);
}

template <class Op>
int8_scale table_scale(const Eigen::ArrayXXf& activated) {
    if constexpr (std::is_same_v<Op, sigmoid_op>) return {1.0f / 256.0f, -128};
    else if constexpr (std::is_same_v<Op, tanh_op>) return {1.0f / 128.0f, 0};
    else return asymmetric_scale(activated.minCoeff(), activated.maxCoeff());
}

/// Quantizes one layer from the float activations h of the layer below (at scale in); returns
/// this layer's float activations and their scale, for the layer above.
template <class Layer, class Arena>
std::pair<Eigen::MatrixXf, int8_scale> quantize_layer(layer_params<Layer>& l, const Arena& p, const Eigen::MatrixXf& h,
                                                     int8_scale in) {
    constexpr int outputs = Layer::outputs, inputs = Layer::inputs;
    const Eigen::MatrixXf W = p[typename Layer::weight{}].template cast<float>();
    Eigen::VectorXf b = Eigen::VectorXf::Zero(outputs);
    if constexpr (!std::is_void_v<typename Layer::bias>) b = p[typename Layer::bias{}].template cast<float>();

    Eigen::MatrixXf z = W * h;
    z.colwise() += b;
    Eigen::MatrixXf activated = z;
    if constexpr (Layer::clamps) activated = z.cwiseMax(0.0f);
    else if constexpr (Layer::has_table) activated = Layer::activation::apply(z.array()).matrix();
    l.output = asymmetric_scale(Layer::has_table ? z.minCoeff() : activated.minCoeff(),
                                Layer::has_table ? z.maxCoeff() : activated.maxCoeff());
    l.output_min = Layer::clamps ? l.output.zero_point : -128;
    l.output_max = 127;

    for (int i = 0; i < outputs; ++i) {
        const double largest = W.row(i).cwiseAbs().maxCoeff();
        const double w_scale = largest > 0 ? largest / 127.0 : 1.0;
        l.weight_scale[std::size_t(i)] = float(w_scale);
        std::int32_t sum = 0;
        for (int j = 0; j < inputs; ++j) {
            const long v = std::clamp(std::lround(double(W(i, j)) / w_scale), -127L, 127L);
            l.weight[std::size_t(i) * inputs + std::size_t(j)] = std::int8_t(v);
            sum += std::int32_t(v);
        }
        const double bias_scale = double(in.scale) * double(l.weight_scale[std::size_t(i)]);
        l.bias[std::size_t(i)] = saturate_int32(std::llround(std::clamp(double(b(i)) / bias_scale, -0x1p62, 0x1p62)));
        l.offset_bias[std::size_t(i)] = saturate_int32(std::int64_t(l.bias[std::size_t(i)]) - std::int64_t(in.zero_point) * sum);
        const fixed_multiplier m = quantized_multiplier(bias_scale / double(l.output.scale));
        l.multiplier[std::size_t(i)] = m.multiplier;
        l.shift[std::size_t(i)] = m.shift;
    }
    if constexpr (Layer::has_table) {
        using Op = typename Layer::activation;
        l.table_output = table_scale<Op>(activated.array());
        for (int k = -128; k <= 127; ++k)
            l.table[std::size_t(k + 128)] = quantize_value(apply_op<Op>(dequantize_value(std::int8_t(k), l.output)), l.table_output);
        return {activated, l.table_output};
    } else {
        return {activated, l.output};
    }
}

template <class E, class Arena, std::size_t... Is>
void quantize_layers(qparams_for<E>& q, const Arena& p, Eigen::MatrixXf h, std::index_sequence<Is...>) {
    int8_scale scale = q.input;
    ((std::tie(h, scale) = quantize_layer(q.template layer<int(Is)>(), p, h, scale)), ...);
}

}  // namespace detail

/// Calibrates on the columns of x and writes q. p is the float arena (params_for<E>, float or
/// double); x holds representative inputs, one per column.
template <class E, class Arena, class Data>
void quantize(E, const Arena& p, const Eigen::MatrixBase<Data>& x, qparams_for<E>& q) {
    using chain = layers_of<E>;
    static_assert(chain::supported, EXPRNET_MSG_QUANT_FORM);
    const Eigen::MatrixXf h = x.template cast<float>();
    q.input = asymmetric_scale(h.minCoeff(), h.maxCoeff());
    detail::quantize_layers<E>(q, p, h, std::make_index_sequence<chain::layers::size>{});
}

}  // namespace exprnet::quant
