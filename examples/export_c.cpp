// Exporting a network as standalone C99 (docs/export-c.md): the forward pass for one sample
// with its weights baked in, and a training step with the fused SGD update for batches of 16,
// params passed in. Each is one .c file without Eigen, exprnet or heap; the forward pass is
// printed (its params passed in, so that it stays short).
#include <exprnet/exprnet.hpp>

#include <cstdio>
#include <filesystem>

using namespace exprnet;

constexpr auto x  = input<"x", 4>;
constexpr auto y  = input<"y", 3>;
constexpr auto W1 = param<"W1", 8, 4>;
constexpr auto b1 = param<"b1", 8>;
constexpr auto W2 = param<"W2", 3, 8>;
constexpr auto b2 = param<"b2", 3>;
constexpr auto scores = W2 * relu(W1 * x + b1) + b2;
constexpr auto loss   = softmax_cross_entropy(scores, y);

int main(int argc, char** argv) {
    const std::filesystem::path dir = argc > 1 ? argv[1] : std::filesystem::temp_directory_path();
    params_for<decltype(loss)> p;
    nn::initialize(p, nn::he_normal, 42);

    // Inference, one sample per call: classify_forward(x, out), the weights in the file.
    auto infer = compile(scores);
    write_c(dir / "classify.c", emit_c(infer, p, {.prefix = "classify"}));

    // Training on the device: mlp_sgd_step(params, x, y, lr) updates params in place.
    auto train = compile<batch<16>>(loss, wrt(W1, b1, W2, b2));
    write_c(dir / "mlp_train.c", emit_c(train, {.prefix = "mlp", .train_step = false, .sgd_step = true}));

    std::printf("%s", emit_c<params_for<decltype(loss)>>(infer).c_str());
}
