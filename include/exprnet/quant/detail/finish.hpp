/// @file
/// Defines `quant::detail::finish`, the end every int8 kernel shares: an output's int32
/// accumulator requantized, offset by the output zero point, clamped and looked up in the
/// layer's table.
#pragma once

#include <exprnet/quant/fixed_point.hpp>
#include <exprnet/quant/qparams.hpp>

#include <cstdint>

namespace exprnet::quant::detail {

template <class Layer>
std::int8_t finish(const layer_params<Layer>& l, int i, std::int32_t acc) {
    std::int32_t v = multiply_by_quantized_multiplier(acc, l.multiplier[std::size_t(i)], l.shift[std::size_t(i)]) +
                     l.output.zero_point;
    v = v < l.output_min ? l.output_min : v > l.output_max ? l.output_max : v;
    if constexpr (Layer::has_table) v = l.table[std::size_t(v + 128)];
    return std::int8_t(v);
}

}  // namespace exprnet::quant::detail
