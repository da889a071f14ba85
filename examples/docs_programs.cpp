// Programs, arenas and figures (docs/evaluation.md): one network compiled for one sample,
// for batches of 8 and for any batch size; all three must agree with a hand-written forward.
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

#include <cstdio>
#include <memory>

using namespace exprnet;

constexpr auto x  = input<"x", 784>;
constexpr auto W1 = param<"W1", 100, 784>;
constexpr auto b1 = param<"b1", 100>;
constexpr auto W2 = param<"W2", 10, 100>;
constexpr auto b2 = param<"b2", 10>;
constexpr auto scores = W2 * relu(W1 * x + b1) + b2;

using one_t = decltype(compile(scores));                 // batch<1>
using eight_t = decltype(compile<batch<8>>(scores));     // exactly 8 columns per call
using any_t = decltype(compile<dynamic_batch>(scores));  // any number of columns
static_assert(one_t::parameter_count == 100 * 784 + 100 + 10 * 100 + 10);
static_assert(eight_t::multiply_adds_per_sample == 100 * 784 + 10 * 100);
static_assert(eight_t::workspace_bytes <= 128 * 1024, "the batch<8> program fits a 128 KB budget");

int main() {
    using arena_t = params_for<decltype(scores)>;
    std::printf("arena: %zu params, %zu floats with padding, %zu bytes\n", arena_t::count, arena_t::size,
                arena_t::bytes);
    std::printf("workspace bytes: batch<1> %zu, batch<8> %zu, dynamic_batch with 8 columns %zu\n",
                one_t::workspace_bytes, eight_t::workspace_bytes, any_t::workspace_bytes_for(8));
    std::printf("steps per call: %d; multiply-adds per sample: %ld\n", eight_t::step_count,
                eight_t::multiply_adds_per_sample);

    auto p = std::make_unique<arena_t>();  // 320 KB: on the heap rather than on the stack
    p->for_each([](auto, auto m) { m.setRandom(); });
    auto w1 = (*p)[W1];  // a view into the arena (row-major: see Storage order)
    w1 *= 0.05f;

    const Eigen::Matrix<float, 784, 8> xs = Eigen::Matrix<float, 784, 8>::Random();
    const Eigen::MatrixXf expected =
        ((*p)[W2] * ((w1 * xs).colwise() + (*p)[b1]).cwiseMax(0.0f)).colwise() + (*p)[b2];

    one_t one;
    eight_t eight;
    any_t any;
    any.reserve(8);  // the only allocation: later calls of up to 8 columns allocate nothing

    const Eigen::MatrixXf by_eight = eight(*p, x = xs);
    const Eigen::MatrixXf by_any = any(*p, x = xs);
    float error = std::max((by_eight - expected).cwiseAbs().maxCoeff(), (by_any - expected).cwiseAbs().maxCoeff());
    for (int j = 0; j < 8; ++j)
        error = std::max(error, (one(*p, x = xs.col(j)) - expected.col(j)).cwiseAbs().maxCoeff());
    if (error > 1e-4f) {
        std::printf("FAILED: the programs and the hand-written forward differ by %g\n", error);
        return 1;
    }
    std::printf("batch<1>, batch<8> and dynamic_batch agree with Eigen (max difference %.1e)\n", error);
    return 0;
}
