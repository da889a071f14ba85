// Test support: the 784-100-10 two-layer net several tests draw or print,
// scores = W2 relu(W1 x + b1) + b2 under softmax cross-entropy.
#pragma once

#include <exprnet/exprnet.hpp>

namespace two_layer_784 {
using namespace exprnet;
inline constexpr auto x = input<"x", 784>;
inline constexpr auto y = input<"y", 10>;
inline constexpr auto W1 = param<"W1", 100, 784>;
inline constexpr auto b1 = param<"b1", 100>;
inline constexpr auto W2 = param<"W2", 10, 100>;
inline constexpr auto b2 = param<"b2", 10>;
inline constexpr auto scores = W2 * relu(W1 * x + b1) + b2;
inline constexpr auto loss = softmax_cross_entropy(scores, y);
}  // namespace two_layer_784
