// The int8 nets of the embedded example (docs/int8.md), shared by the tool that quantizes them
// on the host (bake_int8.cpp) and the program that runs them on every core (int8_nets.cpp):
//  - the classify2d spiral net (the float example's weights, spiral_weights.hpp), quantized
//    on its 300 training points;
//  - a 784 -> 100 ReLU -> 10 net (seeded He-normal weights), quantized on 256 inputs in [0, 1].
#pragma once

#include "nets.hpp"

#include <exprnet/embedded.hpp>

#include <cstdint>

namespace int8_demo {

namespace spiral {
constexpr auto x = exprnet::input<"x", 2>;
constexpr auto W1 = exprnet::param<"W1", demo::spiral_hidden, 2>;
constexpr auto b1 = exprnet::param<"b1", demo::spiral_hidden>;
constexpr auto W2 = exprnet::param<"W2", demo::spiral_classes, demo::spiral_hidden>;
constexpr auto b2 = exprnet::param<"b2", demo::spiral_classes>;
constexpr auto scores = W2 * relu(W1 * x + b1) + b2;
using net = std::remove_const_t<decltype(scores)>;
}  // namespace spiral

namespace mlp {
constexpr auto x = exprnet::input<"x", 784>;
constexpr auto W1 = exprnet::param<"W1", 100, 784>;
constexpr auto b1 = exprnet::param<"b1", 100>;
constexpr auto W2 = exprnet::param<"W2", 10, 100>;
constexpr auto b2 = exprnet::param<"b2", 10>;
constexpr auto scores = W2 * relu(W1 * x + b1) + b2;
using net = std::remove_const_t<decltype(scores)>;
inline constexpr int samples = 4;
/// Input k of the samples, already int8: an LCG's bytes (the same on every core).
constexpr std::int8_t input_value(int sample, int k) {
    std::uint32_t s = std::uint32_t(sample * 7919 + k * 104729 + 12345);
    s = s * 1664525u + 1013904223u;
    return std::int8_t(int((s >> 24) & 0xFF) - 128);
}
}  // namespace mlp

}  // namespace int8_demo
