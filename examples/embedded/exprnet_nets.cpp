// The embedded example, written with exprnet: it runs unchanged on a Cortex-M (under QEMU, by
// CTest) and on the host, and both print the same values, bit for bit (firmware_test.py).
//
//  1. Inference: the classify2d spiral net with weights trained on the host and compiled in
//     as a constexpr arena, so they live in flash; the scores of an 8x8 grid of points.
//  2. Training on the device: a 2 -> 16 tanh -> 16 tanh -> 2 net learns XOR quadrants with
//     SGD applied inside the program's call (no gradient arena); the loss of every step.
//
// Every byte of RAM the nets use is a static object whose size is a compile-time figure of
// exprnet, checked below against a budget; firmware_test.py compares the figures printed
// here with the sizes the linker gave those objects.
#include "nets.hpp"
#include "report.hpp"
#include "spiral_weights.hpp"

#include <exprnet/embedded.hpp>

using namespace exprnet;

namespace spiral {
constexpr auto x = input<"x", 2>;
constexpr auto W1 = param<"W1", demo::spiral_hidden, 2>;
constexpr auto b1 = param<"b1", demo::spiral_hidden>;
constexpr auto W2 = param<"W2", demo::spiral_classes, demo::spiral_hidden>;
constexpr auto b2 = param<"b2", demo::spiral_classes>;
constexpr auto scores = W2 * relu(W1 * x + b1) + b2;
using params = params_for<decltype(scores)>;
}  // namespace spiral

namespace xor_net {
constexpr auto x = input<"x", 2>;
constexpr auto y = input<"y", demo::train_classes>;  // one-hot
constexpr auto W1 = param<"W1", demo::train_hidden, 2>;
constexpr auto b1 = param<"b1", demo::train_hidden>;
constexpr auto W2 = param<"W2", demo::train_hidden, demo::train_hidden>;
constexpr auto b2 = param<"b2", demo::train_hidden>;
constexpr auto W3 = param<"W3", demo::train_classes, demo::train_hidden>;
constexpr auto b3 = param<"b3", demo::train_classes>;
constexpr auto scores = W3 * tanh(W2 * tanh(W1 * x + b1) + b2) + b3;
constexpr auto loss = svm_loss(scores, y);
using params = params_for<decltype(loss)>;

struct initial_entry {
    const char* name;
    int rows, cols;
    const float* data;
};
constexpr initial_entry initial[] = {
    {"W1", demo::train_hidden, 2, demo::W1_init.data()},
    {"b1", demo::train_hidden, 1, demo::b1_init.data()},
    {"W2", demo::train_hidden, demo::train_hidden, demo::W2_init.data()},
    {"b2", demo::train_hidden, 1, demo::b2_init.data()},
    {"W3", demo::train_classes, demo::train_hidden, demo::W3_init.data()},
    {"b3", demo::train_classes, 1, demo::b3_init.data()},
};
}  // namespace xor_net

namespace demo {
// Flash: the spiral weights (a constexpr arena: read-only data).
constexpr spiral::params spiral_params = io::baked_arena<spiral::params>(spiral_weights::arrays);
// RAM: the programs' workspaces (.bss) and the trained weights (.data: initial values in flash).
constinit auto spiral_program = compile<batch<1>>(spiral::scores);
constinit auto train_program =
    compile<batch<train_batch>>(xor_net::loss, wrt(xor_net::W1, xor_net::b1, xor_net::W2, xor_net::b2, xor_net::W3, xor_net::b3));
constinit xor_net::params train_params = io::baked_arena<xor_net::params>(xor_net::initial);

// The memory budget of this example, checked at compile time from exprnet's figures.
constexpr std::size_t ram_budget_bytes = 4096, flash_weights_budget_bytes = 1024;
constexpr std::size_t ram_bytes = decltype(spiral_program)::object_bytes + decltype(train_program)::object_bytes +
                                  xor_net::params::bytes;
static_assert(ram_bytes <= ram_budget_bytes, "the nets' workspaces and trained weights exceed this example's RAM budget");
static_assert(spiral::params::bytes <= flash_weights_budget_bytes, "the spiral weights exceed this example's flash budget");
}  // namespace demo

int main() {
    using namespace demo;
    report::figure("spiral_params_bytes", long(spiral::params::bytes));
    report::figure("spiral_program_bytes", long(decltype(spiral_program)::object_bytes));
    report::figure("train_params_bytes", long(xor_net::params::bytes));
    report::figure("train_program_bytes", long(decltype(train_program)::object_bytes));

    // 1. Inference on the grid.
    int votes[spiral_classes] = {};
    for (int i = 0; i < grid_side * grid_side; ++i) {
        const Eigen::Matrix<float, 2, 1> point(grid_coordinate(i % grid_side), grid_coordinate(i / grid_side));
        const auto s = spiral_program(spiral_params, spiral::x = point);
        int best = 0;
        for (int k = 0; k < spiral_classes; ++k) {
            report::value("spiral_score", i * spiral_classes + k, s(k, 0));
            if (s(k, 0) > s(best, 0)) best = k;
        }
        ++votes[best];
    }
    for (int k = 0; k < spiral_classes; ++k) report::figure("spiral_grid_points_of_class", votes[k]);

    // 2. Training on the device.
    Eigen::Matrix<float, 2, train_batch> xb;
    Eigen::Matrix<float, train_classes, train_batch> yb;
    for (int step = 0; step < train_steps; ++step) {
        const int b = step % (train_points / train_batch);
        for (int j = 0; j < train_batch; ++j) {
            const int i = batch_point(b, j);
            xb.col(j) << point_x(i), point_y(i);
            yb.col(j).setZero();
            yb(point_label(i), j) = 1.0f;
        }
        const float loss = train_program(train_params, sgd{learning_rate}, xor_net::x = xb, xor_net::y = yb);
        report::value("train_loss", step, loss);
    }
    report::stack_use();
    return 0;
}
