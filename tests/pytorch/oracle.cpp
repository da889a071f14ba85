// The exprnet side of the PyTorch oracle (tests/pytorch/check.py): one imported net, built with
// the header scripts/onnx_to_exprnet.py wrote (oracle_net.hpp names it), on the batch
// tests/pytorch/models.py wrote. Checks that the weights header and the .npz hold the same
// bits, then writes into <dir>:
//   output.f32   the forward pass, N x outputs (C order: exprnet's outputs x N, column by column)
//   loss.f32     the loss: softmax cross-entropy of the scores, or MSE of the output
//   grads.npz    the gradient of every parameter, named as in the state_dict
//   sgd.npz      the parameters after one nn::sgd step (learning rate 0.1) from that gradient
//   adam.npz     the parameters after one nn::adam step (learning rate 0.01, weight decay 0.001)
//   sgd_from_torch_grads.npz, adam_from_torch_grads.npz
//                the same steps from PyTorch's gradient (<dir>/torch_grads.npz, from check.py)
//
//   test.pytorch.<arch> <dir>
#include "oracle_net.hpp"

#include <exprnet/io/arrays.hpp>
#include <exprnet/io/npz.hpp>
#include <exprnet/nn/optim.hpp>

#include <Eigen/Core>

#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

using namespace exprnet;
namespace net = oracle::net;

constexpr auto y = input<"y", net::outputs>;
constexpr auto loss = [] {
    if constexpr (oracle::mse) return mse(net::output, y);
    else return softmax_cross_entropy(net::scores, y);
}();

using matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic>;

matrix read_f32(const std::filesystem::path& path, int rows, int cols) {
    matrix m(rows, cols);  // column j is sample j: the N x rows file in C order
    std::ifstream in(path, std::ios::binary);
    if (!in.read(reinterpret_cast<char*>(m.data()), std::streamsize(m.size() * sizeof(float))) || in.peek() != EOF)
        throw std::runtime_error(path.string() + ": not " + std::to_string(m.size()) + " float32 values");
    return m;
}

void write_f32(const std::filesystem::path& path, const float* data, long count) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(data), std::streamsize(count * long(sizeof(float))));
    if (!out) throw std::runtime_error(path.string() + ": cannot write");
}

int main(int argc, char** argv) try {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <dir>\n", argv[0]);
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    constexpr int n = oracle::batch;
    const matrix xb = read_f32(dir / "x.f32", net::inputs, n);
    const matrix yb = read_f32(dir / "y.f32", net::outputs, n);

    using params = params_for<decltype(loss)>;
    auto p = std::make_unique<params>();
    io::load_npz(dir / (std::string(oracle::name) + ".npz"), *p);
    // The importer's two forms of the weights hold the same bits.
    static_assert(io::arrays_match<params>(oracle::weights::arrays));
    auto baked = std::make_unique<params>();
    if (!io::load_arrays(*baked, oracle::weights::arrays) || baked->flat() != p->flat())
        throw std::runtime_error("the weights header and the .npz differ");

    static auto forward = compile<batch<n>>(net::output);
    const matrix out = forward(*p, net::x = xb);
    write_f32(dir / "output.f32", out.data(), out.size());

    static auto train = compile<batch<n>>(loss, net::parameters);
    auto g = std::make_unique<grads_for<decltype(loss)>>();
    const float l = train(*p, *g, net::x = xb, y = yb);
    write_f32(dir / "loss.f32", &l, 1);
    io::save_npz(dir / "grads.npz", *g);

    // The steps, from exprnet's gradient and from PyTorch's (check.py wrote torch_grads.npz):
    // Adam's first step, lr · g / (|g| + eps), turns a difference of 1e-9 in a gradient near zero
    // into one of lr / 10, so only the second isolates the optimizers.
    auto q = std::make_unique<params>();
    const auto steps = [&](const auto& grads, const std::string& suffix) {
        *q = *p;
        nn::sgd<params>({.learning_rate = 0.1}).step(*q, grads);
        io::save_npz(dir / ("sgd" + suffix + ".npz"), *q);
        *q = *p;
        nn::adam<params>({.learning_rate = 0.01, .weight_decay = 0.001}).step(*q, grads);
        io::save_npz(dir / ("adam" + suffix + ".npz"), *q);
    };
    steps(*g, "");
    io::load_npz(dir / "torch_grads.npz", *g);
    steps(*g, "_from_torch_grads");
    std::printf("loss %.9g\n", double(l));
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
}
