// The Fashion-MNIST MLP in int8 (docs/int8.md): the float weights the Fashion-MNIST example
// trained (its --save), quantized with quant::quantize on the first training images, and the
// test accuracy of both: the float program's and the int8 program's.
//
//   int8.fashion_mnist <weights.npz> [--data DIR] [--calibration N] [--max-drop D]
//
// Exit codes: 0 done, 1 bad data or the int8 accuracy more than D below the float one,
// 2 bad arguments.
#include "../fashion_mnist/net.hpp"

#include <exprnet/io/idx.hpp>
#include <exprnet/io/npz.hpp>
#include <exprnet/nn/data.hpp>
#include <exprnet/quant.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <memory>
#include <string>

using namespace exprnet;
namespace fs = std::filesystem;

int main(int argc, char** argv) try {
    fs::path data = "/usr/share/datasets/fashion-mnist";
    long calibration = 1000;
    double max_drop = 1;
    if (argc < 2 || argc % 2 != 0) {
        std::fprintf(stderr, "usage: %s <weights.npz> [--data DIR] [--calibration N] [--max-drop D]\n", argv[0]);
        return 2;
    }
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string option = argv[i];
        if (option == "--data") data = argv[i + 1];
        else if (option == "--calibration") calibration = std::strtol(argv[i + 1], nullptr, 10);
        else if (option == "--max-drop") max_drop = std::strtod(argv[i + 1], nullptr);
        else {
            std::fprintf(stderr, "int8.fashion_mnist: unknown option %s\n", option.c_str());
            return 2;
        }
    }
    const auto train = io::read_idx_pair(data / "train-images-idx3-ubyte.gz", data / "train-labels-idx1-ubyte.gz");
    const auto test = io::read_idx_pair(data / "t10k-images-idx3-ubyte.gz", data / "t10k-labels-idx1-ubyte.gz");
    if (calibration < 1 || calibration > train.images.count) {
        std::fprintf(stderr, "int8.fashion_mnist: --calibration must be 1 to %ld\n", train.images.count);
        return 2;
    }

    using net = std::remove_const_t<decltype(fashion::scores)>;
    auto p = std::make_unique<params_for<net>>();
    io::load_npz(argv[1], *p);
    auto q = std::make_unique<quant::qparams_for<net>>();
    quant::quantize(fashion::scores, *p, train.images.pixels.leftCols(calibration), *q);

    // Both programs over the test set in blocks of 100 images.
    constexpr int block = 100;
    auto float_program = compile<batch<block>>(fashion::scores);
    auto int8_program = quant::compile<batch<block>>(fashion::scores);
    long float_right = 0, int8_right = 0, agree = 0;
    const long blocks = test.images.count / block;
    for (long k = 0; k < blocks; ++k) {
        const Eigen::MatrixXf images = test.images.pixels.middleCols(k * block, block);
        const std::vector<int> by_float = nn::argmax_columns(float_program(*p, fashion::x = images));
        const auto by_int8 = int8_program.classify(*q, fashion::x = images);
        for (int j = 0; j < block; ++j) {
            const int label = test.labels[std::size_t(k * block + j)];
            float_right += by_float[std::size_t(j)] == label;
            int8_right += by_int8[std::size_t(j)] == label;
            agree += by_float[std::size_t(j)] == by_int8[std::size_t(j)];
        }
    }
    const long n = blocks * block;
    const double float_accuracy = double(float_right) / double(n), int8_accuracy = double(int8_right) / double(n);
    std::printf("calibrated on %ld training images; int8 parameters: %zu bytes (float: %zu)\n", calibration,
                sizeof(quant::qparams_for<net>), params_for<net>::bytes);
    std::printf("test accuracy, float: %.4f\n", float_accuracy);
    std::printf("test accuracy, int8:  %.4f (%+.2f points)\n", int8_accuracy, 100 * (int8_accuracy - float_accuracy));
    std::printf("same class as float: %.4f of %ld test images\n", double(agree) / double(n), n);
    return float_accuracy - int8_accuracy <= max_drop ? 0 : 1;
} catch (const std::exception& e) {
    std::fprintf(stderr, "int8.fashion_mnist: %s\n", e.what());
    return 1;
}
