// CS231n's two-layer net, f = W2 max(0, W1 x), on CIFAR-10-sized images (3072 values) with 100
// hidden units, softmax cross-entropy, a batch of 64; with biases as in the lecture's case study:
// its printed program, graphs, LaTeX gradients and C training step.
#include "listings.hpp"

#include <exprnet/exprnet.hpp>

#include <string>
#include <utility>

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
    std::string gradients;
    const auto g = grad(loss, wrt(W1, b1, W2, b2));
    for (const auto& [name, latex] : {std::pair{"W1", to_latex(g[W1])}, std::pair{"b1", to_latex(g[b1])},
                                      std::pair{"W2", to_latex(g[W2])}, std::pair{"b2", to_latex(g[b2])}})
        gradients += std::string("\\frac{\\partial L}{\\partial ") + name + "} = " + latex + "\n";
    return {{"two_layer_forward.txt", names(infer)},
            {"two_layer_train.txt", names(train)},
            {"two_layer_train_unlabelled.txt", print(train)},
            {"two_layer_forward.dot", to_dot(loss)},
            {"two_layer_backward.dot", backward_dot(loss, wrt(W1, b1, W2, b2))},
            {"two_layer_program.dot", to_dot(train)},
            {"two_layer_gradients.tex", gradients},
            {"two_layer_train.c", emit_c(train, {.prefix = "two_layer", .train_step = true, .sgd_step = true})}};
}
