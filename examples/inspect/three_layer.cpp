// CS231n's three-layer forward pass (sigmoid hidden layers, 3 -> 4 -> 4 -> 1), and its
// gradients for a loss that sums the output.
#include "listings.hpp"

#include <exprnet/exprnet.hpp>

using namespace exprnet;

namespace {
constexpr auto x = input<"x", 3>;
constexpr auto W1 = param<"W1", 4, 3>;
constexpr auto b1 = param<"b1", 4>;
constexpr auto W2 = param<"W2", 4, 4>;
constexpr auto b2 = param<"b2", 4>;
constexpr auto W3 = param<"W3", 1, 4>;
constexpr auto b3 = param<"b3", 1>;
constexpr auto h1 = sigmoid(W1 * x + b1);
constexpr auto h2 = sigmoid(W2 * h1 + b2);
constexpr auto out = W3 * h2 + b3;
}  // namespace

std::vector<listing> three_layer_listings() {
    auto forward = compile(out);
    auto train = compile(sum(out), wrt(W1, b1, W2, b2, W3, b3));
    return {{"three_layer_forward.txt", print(forward, label<"h1">(h1), label<"h2">(h2))},
            {"three_layer_train.txt", print(train, label<"h1">(h1), label<"h2">(h2), label<"out">(out))}};
}
