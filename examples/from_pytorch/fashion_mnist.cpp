// The exprnet side of the Fashion-MNIST round trip (docs/from-pytorch.md): the MLP trained in
// PyTorch (fashion_mnist.py), imported by scripts/onnx_to_exprnet.py (the header is committed in
// fashion/; the weights are the .npz the import wrote), evaluated on the 10,000 test images,
// fine-tuned for one epoch with Adam, evaluated again and saved as a .npz that PyTorch loads back.
//
//   from_pytorch.fashion_mnist <fashion_mlp.npz> <fine_tuned.npz> [--data DIR]
#include "fashion/fashion_mlp.hpp"

#include <exprnet/io/idx.hpp>
#include <exprnet/io/npz.hpp>
#include <exprnet/nn.hpp>

#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <memory>
#include <vector>

using namespace exprnet;
namespace net = fashion_mlp;
namespace fs = std::filesystem;

constexpr int batch_size = 128;
constexpr auto y = input<"y", net::outputs>;  // one-hot labels
constexpr auto loss = softmax_cross_entropy(net::scores, y);

int main(int argc, char** argv) try {
    if (argc != 3 && !(argc == 5 && std::strcmp(argv[3], "--data") == 0)) {
        std::fprintf(stderr, "usage: %s <fashion_mlp.npz> <fine_tuned.npz> [--data DIR]\n", argv[0]);
        return 2;
    }
    const fs::path data = argc == 5 ? argv[4] : "/usr/share/datasets/fashion-mnist";
    const auto train_set = io::read_idx_pair(data / "train-images-idx3-ubyte.gz", data / "train-labels-idx1-ubyte.gz");
    const auto test_set = io::read_idx_pair(data / "t10k-images-idx3-ubyte.gz", data / "t10k-labels-idx1-ubyte.gz");

    using params = params_for<decltype(loss)>;
    static params p;  // 235,146 floats: static, not on the stack
    io::load_npz(argv[1], p);

    auto infer = compile<dynamic_batch>(net::output);
    infer.reserve(test_set.images.count);
    const auto test_accuracy = [&] { return nn::accuracy(infer(p, net::image = test_set.images.pixels), test_set.labels); };
    std::printf("exprnet test accuracy of the imported weights: %.4f\n", test_accuracy());

    // One epoch of fine-tuning: shuffled mini-batches, Adam at a tenth of PyTorch's rate.
    auto train = compile<batch<batch_size>>(loss, net::parameters);
    static grads_for<decltype(loss)> g;
    static nn::adam<params> adam({.learning_rate = 1e-4});
    nn::batch_order order(train_set.images.count, batch_size, 1);
    order.shuffle(1);
    Eigen::MatrixXf xb(net::inputs, batch_size), yb(net::outputs, batch_size);
    double loss_sum = 0;
    for (long b = 0; b < order.batches(); ++b) {
        nn::gather_columns(train_set.images.pixels, order.batch(b), xb);
        nn::gather_one_hot(train_set.labels, order.batch(b), yb);
        loss_sum += train(p, g, net::image = xb, y = yb);
        adam.step(p, g);
    }
    std::printf("fine-tuned for 1 epoch (%ld batches of %d, mean loss %.4f)\n", order.batches(), batch_size,
                loss_sum / double(order.batches()));
    std::printf("exprnet test accuracy after fine-tuning: %.4f\n", test_accuracy());
    io::save_npz(argv[2], p);
    std::printf("saved %s\n", argv[2]);
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "from_pytorch.fashion_mnist: %s\n", e.what());
    return 1;
}
