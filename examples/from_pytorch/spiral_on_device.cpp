// The spiral net trained in PyTorch (spiral.py), imported by scripts/onnx_to_exprnet.py, on a
// Cortex-M: the weights are the generated constexpr arrays, made into a constexpr arena (flash);
// the program prints the scores of the embedded example's 8x8 grid. CTest runs it under QEMU and
// on the host (examples/embedded/CMakeLists.txt) and compares both with PyTorch's own scores
// (`spiral.py grid`), within 1e-5.
#include "../embedded/report.hpp"
#include "spiral/spiral_torch.hpp"
#include "spiral/spiral_torch_weights.hpp"

#include <exprnet/embedded.hpp>

constexpr int grid_side = 8;
constexpr float grid_coordinate(int i) { return -1.0f + 0.25f * float(i); }

// Flash: the weights PyTorch trained. RAM: the program's workspace.
constexpr spiral_torch::params weights = exprnet::io::baked_arena<spiral_torch::params>(spiral_torch_weights::arrays);
constinit auto infer = exprnet::compile<exprnet::batch<1>>(spiral_torch::output);

int main() {
    report::figure("spiral_torch_params_bytes", long(spiral_torch::params::bytes));
    for (int i = 0; i < grid_side * grid_side; ++i) {
        const Eigen::Matrix<float, 2, 1> point(grid_coordinate(i % grid_side), grid_coordinate(i / grid_side));
        const auto s = infer(weights, spiral_torch::x = point);
        for (int k = 0; k < spiral_torch::outputs; ++k) report::value("spiral_torch_score", i * spiral_torch::outputs + k, s(k, 0));
    }
    report::stack_use();
    return 0;
}
