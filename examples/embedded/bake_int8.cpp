// Quantizes the embedded example's int8 nets (int8_nets.hpp) on the host and writes their int8
// parameters as headers (quant::write_cpp_header), which int8_nets.cpp compiles into flash, and
// the 784-100-10 net's float parameters (io::write_cpp_header), for int8_speed.cpp.
// The build runs it; the results are deterministic (seeded weights and data).
//
//   example.embedded.bake_int8 <output dir>
#include "../classify2d/spiral.hpp"
#include "int8_nets.hpp"
#include "spiral_weights.hpp"

#include <exprnet/io/arrays.hpp>
#include <exprnet/io/cpp_header.hpp>
#include <exprnet/nn.hpp>
#include <exprnet/quant.hpp>
#include <exprnet/quant/cpp_header.hpp>

#include <cstdio>
#include <exception>
#include <filesystem>
#include <memory>
#include <random>

using namespace exprnet;
using namespace int8_demo;

int main(int argc, char** argv) try {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <output dir>\n", argv[0]);
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    std::filesystem::create_directories(dir);

    params_for<spiral::net> spiral_p;
    if (!io::load_arrays(spiral_p, spiral_weights::arrays)) return 1;
    const auto data = classify2d::make_spiral(100, 3, 1);
    quant::qparams_for<spiral::net> spiral_q;
    quant::quantize(spiral::scores, spiral_p, data.points, spiral_q);
    quant::write_cpp_header(dir / "spiral_int8.hpp", spiral_q, "spiral_int8");

    auto mlp_p = std::make_unique<params_for<mlp::net>>();
    nn::initialize(*mlp_p, nn::he_normal, 784);
    std::mt19937 rng(1);
    std::uniform_real_distribution<float> pixel(0.0f, 1.0f);
    Eigen::MatrixXf calibration(784, 256);
    for (Eigen::Index k = 0; k < calibration.size(); ++k) calibration(k) = pixel(rng);
    auto mlp_q = std::make_unique<quant::qparams_for<mlp::net>>();
    quant::quantize(mlp::scores, *mlp_p, calibration, *mlp_q);
    quant::write_cpp_header(dir / "mlp_int8.hpp", *mlp_q, "mlp_int8");
    io::write_cpp_header(dir / "mlp_float.hpp", *mlp_p, "mlp_float");  // for int8_speed.cpp's float program
    std::printf("wrote spiral_int8.hpp, mlp_int8.hpp and mlp_float.hpp into %s\n", dir.c_str());
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "bake_int8: %s\n", e.what());
    return 1;
}
