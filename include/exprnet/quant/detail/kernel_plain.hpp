/// @file
/// Defines `quant::detail::plain_kernel`, the int8 layer as the plain loop, one
/// multiply-accumulate at a time: the kernel of cores without the DSP extension (M0, M3) and of
/// hosts without AVX2.
#pragma once

#include <exprnet/quant/detail/finish.hpp>
#include <exprnet/quant/qparams.hpp>

#include <cstddef>
#include <cstdint>

namespace exprnet::quant::detail {

struct plain_kernel {
    static constexpr const char* name = "plain loop";
    using scratch = std::int32_t;  // none needed
    static constexpr int scratch_size(int /*widest_input*/) { return 0; }

    template <class Layer>
    static void run_layer(const layer_params<Layer>& l, const std::int8_t* in, std::int8_t* out, scratch*) {
        for (int i = 0; i < Layer::outputs; ++i) {
            const std::int8_t* w = l.weight.data() + std::ptrdiff_t(i) * Layer::inputs;
            std::int32_t acc = l.offset_bias[std::size_t(i)];
            for (int j = 0; j < Layer::inputs; ++j) acc += std::int32_t(w[j]) * std::int32_t(in[j]);
            out[i] = finish(l, i, acc);
        }
    }
};

}  // namespace exprnet::quant::detail
