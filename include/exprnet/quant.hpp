/// @file
/// The int8 umbrella: quantization of a trained float network (quant/quantize.hpp: on the
/// host) and int8 programs (quant/program.hpp: host and embedded), with TFLite's arithmetic
/// (quant/fixed_point.hpp) and parameter layout (quant/qparams.hpp).
#pragma once

#include <exprnet/quant/fixed_point.hpp>
#include <exprnet/quant/layers.hpp>
#include <exprnet/quant/program.hpp>
#include <exprnet/quant/qparams.hpp>
#include <exprnet/quant/quantize.hpp>
