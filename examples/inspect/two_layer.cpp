// CS231n's two-layer net, f = W2 max(0, W1 x), on CIFAR-10-sized images (3072 values) with 100
// hidden units, softmax cross-entropy, a batch of 64; with biases as in the lecture's case study.
#include "listings.hpp"

#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/print.hpp>

using namespace exprnet;
using namespace exprnet::literals;

namespace {
constexpr auto x = input<"x", 3072>;
constexpr auto y = input<"y", 10>;
constexpr auto W1 = param<"W1", 100, 3072>;
constexpr auto b1 = param<"b1", 100>;
constexpr auto W2 = param<"W2", 10, 100>;
constexpr auto b2 = param<"b2", 10>;
constexpr auto z1 = W1 * x + b1;
constexpr auto h = max(0_c, z1);
constexpr auto scores = W2 * h + b2;
constexpr auto loss = softmax_cross_entropy(scores, y);
}  // namespace

std::vector<listing> two_layer_listings() {
    auto infer = compile(scores);
    auto train = compile<batch<64>>(loss, wrt(W1, b1, W2, b2));
    const auto names = [](const auto& program) { return print(program, label<"z1">(z1), label<"h">(h), label<"scores">(scores)); };
    return {{"two_layer_forward", names(infer)},
            {"two_layer_train", names(train)},
            {"two_layer_train_unlabelled", print(train)}};
}
