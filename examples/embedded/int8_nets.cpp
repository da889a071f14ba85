// The int8 nets of the embedded example (int8_nets.hpp), with their int8 parameters in flash
// (headers written by bake_int8.cpp): the spiral net on the 8x8 grid (float points in, int8
// scores out, printed dequantized) and the 784-100-10 net on 4 int8 inputs (int8 scores
// printed as they are). The same program on the host and on each core prints the same bits.
#include "int8_nets.hpp"
#include "mlp_int8.hpp"
#include "report.hpp"
#include "spiral_int8.hpp"

#include <exprnet/quant/program.hpp>

using namespace exprnet;
using namespace int8_demo;

// Flash: the int8 parameters. RAM: the programs' int8 buffers.
constexpr quant::qparams_for<spiral::net> spiral_q = spiral_int8::make<quant::qparams_for<spiral::net>>();
constexpr quant::qparams_for<mlp::net> mlp_q = mlp_int8::make<quant::qparams_for<mlp::net>>();
constinit auto spiral_program = quant::compile<batch<1>>(spiral::scores);
constinit auto mlp_program = quant::compile<batch<1>>(mlp::scores);

int main() {
    report::figure("int8_spiral_params_bytes", long(sizeof(spiral_q)));
    report::figure("int8_mlp_params_bytes", long(sizeof(mlp_q)));
    for (int i = 0; i < demo::grid_side * demo::grid_side; ++i) {
        const Eigen::Matrix<float, 2, 1> point(demo::grid_coordinate(i % demo::grid_side), demo::grid_coordinate(i / demo::grid_side));
        const auto s = spiral_program(spiral_q, spiral::x = point);
        for (int k = 0; k < demo::spiral_classes; ++k) report::value("int8_spiral_score", i * demo::spiral_classes + k, s(k, 0));
    }
    static std::int8_t in[784];
    std::int8_t out[10];
    for (int sample = 0; sample < mlp::samples; ++sample) {
        for (int k = 0; k < 784; ++k) in[k] = mlp::input_value(sample, k);
        mlp_program.run_int8(mlp_q, in, out);
        for (int k = 0; k < 10; ++k) report::value("int8_mlp_score", sample * 10 + k, float(out[k]));
    }
    report::stack_use();
    return 0;
}
