// The two-layer net's graphs (docs/graphs.md): `graphs forward`, `graphs backward` and
// `graphs program` each print one Graphviz DOT graph (scripts/graphs.sh renders them with
// `dot -Tpng`), `graphs latex` prints the LaTeX of dW1; with no argument, all four.
#include <exprnet/exprnet.hpp>

#include <cstdio>
#include <string>

using namespace exprnet;

constexpr auto x  = input<"x", 784>;
constexpr auto y  = input<"y", 10>;
constexpr auto W1 = param<"W1", 100, 784>;
constexpr auto b1 = param<"b1", 100>;
constexpr auto W2 = param<"W2", 10, 100>;
constexpr auto b2 = param<"b2", 10>;

constexpr auto scores = W2 * relu(W1 * x + b1) + b2;
constexpr auto loss   = softmax_cross_entropy(scores, y);

int main(int argc, char** argv) {
    const std::string only = argc > 1 ? argv[1] : "";
    int shown = 0;
    const auto show = [&](const char* name, const std::string& text) {
        if (!only.empty() && only != name) return;
        if (only.empty()) std::printf("---- %s\n", name);
        std::fputs(text.c_str(), stdout);
        ++shown;
    };
    show("forward", to_dot(loss));                                // the expression's graph
    show("backward", backward_dot(loss, wrt(W1, b1, W2, b2)));    // the gradients' graph
    auto train = compile<batch<64>>(loss, wrt(W1, b1, W2, b2));
    show("program", to_dot(train));                               // all it computes, as stored
    show("latex", to_latex(grad(loss, W1)) + "\n");               // dW1 as math
    if (shown == 0) {
        std::fprintf(stderr, "usage: %s [forward|backward|program|latex]\n", argv[0]);
        return 2;
    }
}
