// A Maxout layer, max(W1 x + b1, W2 x + b2), under a softmax classifier: max routes the gradient.
#include "listings.hpp"

#include <exprnet/exprnet.hpp>

using namespace exprnet;

namespace {
constexpr auto x = input<"x", 6>;
constexpr auto y = input<"y", 4>;
constexpr auto W1 = param<"W1", 5, 6>;
constexpr auto b1 = param<"b1", 5>;
constexpr auto W2 = param<"W2", 5, 6>;
constexpr auto b2 = param<"b2", 5>;
constexpr auto W3 = param<"W3", 4, 5>;
constexpr auto a1 = W1 * x + b1;
constexpr auto a2 = W2 * x + b2;
constexpr auto h = max(a1, a2);
constexpr auto loss = softmax_cross_entropy(W3 * h, y);
}  // namespace

std::vector<listing> maxout_listings() {
    auto train = compile<batch<8>>(loss, wrt(W1, b1, W2, b2, W3));
    return {{"maxout_train.txt", print(train, label<"a1">(a1), label<"a2">(a2), label<"h">(h))}};
}
