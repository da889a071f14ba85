// A value used twice: h feeds two heads, so its gradient is the sum of two (gradients add at
// branches), and W1 is used twice too (in the net and in the L2 penalty).
#include "listings.hpp"

#include <exprnet/exprnet.hpp>

using namespace exprnet;
using namespace exprnet::literals;

namespace {
constexpr auto x = input<"x", 3>;
constexpr auto y = input<"y", 2>;
constexpr auto W1 = param<"W1", 6, 3>;
constexpr auto W2 = param<"W2", 2, 6>;
constexpr auto W3 = param<"W3", 2, 6>;
constexpr auto h = tanh(W1 * x);
constexpr auto scores = W2 * h + W3 * h;
constexpr auto loss = softmax_cross_entropy(scores, y) + 0.001_c * sum_sq(W1);
}  // namespace

std::vector<listing> branch_listings() {
    auto train = compile<batch<16>>(loss, wrt(W1, W2, W3));
    return {{"branch_train.txt", print(train, label<"h">(h), label<"scores">(scores))}};
}
