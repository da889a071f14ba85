/// @file
/// The benchmarked networks written with exprnet: expressions only (a type each, no code).
/// Every net has a bias on every layer; the training losses are the mean softmax
/// cross-entropy over the batch, as in the hand-written code and the peers.
#pragma once

#include <exprnet/exprnet.hpp>

namespace bench::nets {

/// 2 → 16 tanh → 16 tanh → 2.
namespace tiny {
inline constexpr auto x = exprnet::input<"x", 2>;
inline constexpr auto y = exprnet::input<"y", 2>;
inline constexpr auto W1 = exprnet::param<"W1", 16, 2>;
inline constexpr auto b1 = exprnet::param<"b1", 16>;
inline constexpr auto W2 = exprnet::param<"W2", 16, 16>;
inline constexpr auto b2 = exprnet::param<"b2", 16>;
inline constexpr auto W3 = exprnet::param<"W3", 2, 16>;
inline constexpr auto b3 = exprnet::param<"b3", 2>;
inline constexpr auto scores = W3 * exprnet::tanh(W2 * exprnet::tanh(W1 * x + b1) + b2) + b3;
inline constexpr auto loss = exprnet::softmax_cross_entropy(scores, y);
}  // namespace tiny

/// I → 100 relu → 10, for I = 784 (MNIST-sized) and 3072 (CIFAR-10-sized).
template <int I>
struct two_layer {
    static constexpr auto x = exprnet::input<"x", I>;
    static constexpr auto y = exprnet::input<"y", 10>;
    static constexpr auto W1 = exprnet::param<"W1", 100, I>;
    static constexpr auto b1 = exprnet::param<"b1", 100>;
    static constexpr auto W2 = exprnet::param<"W2", 10, 100>;
    static constexpr auto b2 = exprnet::param<"b2", 10>;
    static constexpr auto scores = W2 * exprnet::relu(W1 * x + b1) + b2;
    static constexpr auto loss = exprnet::softmax_cross_entropy(scores, y);
    static constexpr auto parameters = exprnet::wrt(W1, b1, W2, b2);
};

/// The Fashion-MNIST example's net (examples/fashion_mnist/net.hpp): 784 → 256 relu → 128
/// relu → 10, for the end-to-end benchmark (epoch_exprnet.cpp).
struct fashion {
    static constexpr auto x = exprnet::input<"x", 784>;
    static constexpr auto y = exprnet::input<"y", 10>;
    static constexpr auto W1 = exprnet::param<"W1", 256, 784>;
    static constexpr auto b1 = exprnet::param<"b1", 256>;
    static constexpr auto W2 = exprnet::param<"W2", 128, 256>;
    static constexpr auto b2 = exprnet::param<"b2", 128>;
    static constexpr auto W3 = exprnet::param<"W3", 10, 128>;
    static constexpr auto b3 = exprnet::param<"b3", 10>;
    static constexpr auto scores = W3 * exprnet::relu(W2 * exprnet::relu(W1 * x + b1) + b2) + b3;
    static constexpr auto loss = exprnet::softmax_cross_entropy(scores, y);
    static constexpr auto parameters = exprnet::wrt(W1, b1, W2, b2, W3, b3);
};

}  // namespace bench::nets
