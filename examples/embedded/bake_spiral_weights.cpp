// Trains the classify2d spiral net (2 -> 20 ReLU -> 3, reg 0.001: the 99%-accurate one of
// docs/classify2d.md) on the host and writes its weights as a C++ header of constexpr arrays
// (io::write_cpp_header), which the embedded example compiles in. Training is seeded and
// bit-reproducible, so the CTest embedded.spiral_weights can check that the committed header
// is what this program writes.
//
//   example.embedded.bake_spiral_weights <output.hpp>
#include "../classify2d/spiral.hpp"
#include "../classify2d/spiral_net.hpp"
#include "nets.hpp"

#include <exprnet/io/cpp_header.hpp>

#include <cstdio>
#include <exception>

using namespace exprnet::literals;

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <output.hpp>\n", argv[0]);
        return 2;
    }
    using net = classify2d::spiral_net<demo::spiral_hidden, 0.001_c>;
    static_assert(classify2d::classes == demo::spiral_classes);
    const auto data = classify2d::make_spiral(classify2d::points_per_class, classify2d::classes, 1);
    const auto trained = classify2d::train<net>(data);
    try {
        exprnet::io::write_cpp_header(argv[1], trained.p, "spiral_weights");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    std::printf("wrote %s: final loss %.4f\n", argv[1], trained.loss);
    return 0;
}
