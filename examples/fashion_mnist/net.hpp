// The Fashion-MNIST network (docs/fashion-mnist.md): 784 -> 256 ReLU -> 128 ReLU -> 10, with its
// training loss. Shared by the example that trains it (fashion_mnist.cpp) and the one that
// quantizes its weights to int8 (examples/int8/fashion_mnist_int8.cpp).
#pragma once

#include <exprnet/embedded.hpp>

namespace fashion {

using namespace exprnet;

constexpr int pixels = 28 * 28, classes = 10, batch_size = 128;

constexpr auto x = input<"x", pixels>;  // one image per column, pixels in [0, 1]
constexpr auto y = input<"y", classes>;  // its one-hot label
constexpr auto W1 = param<"W1", 256, pixels>;
constexpr auto b1 = param<"b1", 256>;
constexpr auto W2 = param<"W2", 128, 256>;
constexpr auto b2 = param<"b2", 128>;
constexpr auto W3 = param<"W3", classes, 128>;
constexpr auto b3 = param<"b3", classes>;
constexpr auto scores = W3 * relu(W2 * relu(W1 * x + b1) + b2) + b3;
constexpr auto loss = softmax_cross_entropy(scores, y);

}  // namespace fashion
