/// @file
/// Defines `quant::detail::kernel`, the int8 layer kernel this build runs: SMLAD on Arm cores
/// with the DSP extension, VPMADDWD on x86 with AVX2, else the plain loop. Each has
/// `run_layer(l, in, out, scratch)`, its `scratch` type and `scratch_size(widest_input)`, and a
/// `name`; all give the same int8 results.
#pragma once

#include <exprnet/quant/detail/kernel_avx2.hpp>
#include <exprnet/quant/detail/kernel_dsp.hpp>
#include <exprnet/quant/detail/kernel_plain.hpp>

namespace exprnet::quant::detail {

#if defined(__ARM_FEATURE_DSP)
using kernel = dsp_kernel;
#elif defined(__AVX2__)
using kernel = avx2_kernel;
#else
using kernel = plain_kernel;
#endif

}  // namespace exprnet::quant::detail
