/// @file
/// What every benchmark TU shares: the workloads, their deterministic data (weights,
/// inputs, one-hot labels), the double-precision reference each system is checked against
/// before it is timed, the hand-counted FLOPs, and the two harness templates that do the
/// checking, the timing and the counters.
///
/// A *system* (exprnet, hand-written Eigen, libtorch, dlib) is a class constructed from a
/// `problem` (it copies the weights into its own storage, in its own layout) with:
///   - inference: `void forward()` and `Eigen::MatrixXf output()` (outputs × batch);
///   - training:  `float step(float lr)` (forward, backward, SGD update of every param with
///     learning rate lr; returns the loss of the params before the update) and
///     `std::vector<Eigen::MatrixXf> weights()`, `std::vector<Eigen::VectorXf> biases()`
///     (the params now, in the problem's layout: W is outputs × inputs).
/// The reference and the checks live in common.cpp (compiled once).
#pragma once

#include <benchmark/benchmark.h>

#include <Eigen/Core>

#include <cmath>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

namespace bench {

enum class activation { tanh, relu };

enum class workload { tiny_infer, mnist_infer, mnist_train_b64, tiny_train, cifar_train_b64, mnist_infer_b256 };

struct workload_info {
    const char* name;        // the benchmark name's first part, e.g. "mlp_2_16_16_2_infer"
    std::vector<int> sizes;  // layer widths, input first: {2, 16, 16, 2}
    activation hidden;       // of every hidden layer (the output layer has none)
    int batch;               // columns per call
    bool train;              // forward + backward + SGD, else forward only
};

const workload_info& info(workload w);

/// The data of a workload, in float: W[l] is sizes[l+1] × sizes[l] (column-major), b[l] a
/// column; x is sizes[0] × batch (one sample per column), y one-hot classes × batch, and
/// labels[j] the class of column j. Weights are uniform in [-1, 1) / sqrt(fan_in), biases
/// uniform in [-0.1, 0.1), inputs uniform in [-1, 1); all from splitmix64 with a fixed seed
/// per network, so infer and train workloads of one network share their weights.
/// `calibration` holds other inputs from the same distribution (drawn last), on which int8
/// systems calibrate their activation ranges.
struct problem {
    std::vector<Eigen::MatrixXf> W;
    std::vector<Eigen::VectorXf> b;
    Eigen::MatrixXf x, y;
    std::vector<int> labels;
    Eigen::MatrixXf calibration;
};

inline constexpr int calibration_columns = 256;

const problem& data(workload w);

/// Learning rate of the checked step: large (and a power of two) so that the change of every
/// param is far above float rounding and a wrong gradient cannot hide in it.
inline constexpr float check_lr = 0.25f;
/// Learning rate of the timed steps: small, so that millions of steps on one batch stay
/// finite and far from denormals.
inline constexpr float timed_lr = 1.0f / 1024;

/// Norm-wise relative tolerance of every check against the double reference.
inline constexpr double tolerance = 1e-4;

/// A system's tolerance: `System::check_tolerance` where it declares one (int8 systems, whose
/// error is the quantization's, not the arithmetic's), else `tolerance`. (C++17: libtorch's TU.)
template <class System, class = void>
inline constexpr double tolerance_of = tolerance;
template <class System>
inline constexpr double tolerance_of<System, std::void_t<decltype(System::check_tolerance)>> = System::check_tolerance;

/// Empty if `out` (outputs × batch) matches the reference forward pass within `tol`; else what
/// differed. `err` receives the relative error.
std::string check_output(workload w, const Eigen::MatrixXf& out, double& err, double tol = tolerance);

/// Empty if one step with check_lr matches the reference: the loss, every param after the
/// step, and every param's change (which is -check_lr × its gradient). `err` receives the
/// worst relative error.
std::string check_step(workload w, double loss, const std::vector<Eigen::MatrixXf>& W,
                       const std::vector<Eigen::VectorXf>& b, double& err);

/// FLOPs of one call counted by hand: 2 × the multiply-adds of the matrix products, forward
/// (sum over layers of out × in × batch) and, for training, backward (the weight gradients
/// of every layer and the input gradients of every layer but the first).
double flops(workload w);

/// Adds the counters every benchmark reports: FLOPS (a rate) and check_rel_err.
void set_counters(benchmark::State& state, workload w, double check_err);

/// Registers `fn` as "<workload>/<system>".
void add(workload w, const std::string& system, void (*fn)(benchmark::State&));

/// One timed call, never inlined into the timing loop, the same for every system: inlined,
/// a system's loop-invariant work (the constants of tanh's rational approximation, permute
/// indices) is hoisted out of the loop, which no caller with other work between calls gets,
/// and whether the compiler does it depends on the size of the system's code, not its speed.
template <class System>
[[gnu::noinline]] void timed_forward(System& sys) {
    sys.forward();
}
template <class System>
[[gnu::noinline]] float timed_step(System& sys, float lr) {
    return sys.step(lr);
}

/// The inference harness: check once, then time forward().
template <class System>
void infer_benchmark(benchmark::State& state, workload w) {
    auto sys = std::make_unique<System>(data(w));
    sys->forward();
    double err = 0;
    if (const std::string why = check_output(w, sys->output(), err, tolerance_of<System>); !why.empty()) {
        state.SkipWithError(why.c_str());
        return;
    }
    for (auto _ : state) {
        timed_forward(*sys);
        benchmark::ClobberMemory();
    }
    set_counters(state, w, err);
}

/// The training harness: one checked step with check_lr from the initial params (a fresh
/// system), then timed steps with timed_lr on another fresh system; the loss must still be
/// finite at the end.
template <class System>
void train_benchmark(benchmark::State& state, workload w) {
    double err = 0;
    {
        auto sys = std::make_unique<System>(data(w));
        const float loss = sys->step(check_lr);
        if (const std::string why = check_step(w, loss, sys->weights(), sys->biases(), err); !why.empty()) {
            state.SkipWithError(why.c_str());
            return;
        }
    }
    auto sys = std::make_unique<System>(data(w));
    float loss = 0;
    for (auto _ : state) {
        loss = timed_step(*sys, timed_lr);
        benchmark::DoNotOptimize(loss);
        benchmark::ClobberMemory();
    }
    if (!std::isfinite(loss)) {
        state.SkipWithError("the loss is not finite after the timed steps");
        return;
    }
    set_counters(state, w, err);
}

}  // namespace bench

/// Registers System for workload W under "<workload>/<name>", from any TU, at static
/// initialisation (Google Benchmark keeps the registry in a function-local static).
#define BENCH_INFER(W, NAME, ...)                                                                        \
    static const bool BENCH_CONCAT(bench_reg_, __LINE__) =                                               \
        (::bench::add(W, NAME, [](benchmark::State& s) { ::bench::infer_benchmark<__VA_ARGS__>(s, W); }), \
         true)
#define BENCH_TRAIN(W, NAME, ...)                                                                        \
    static const bool BENCH_CONCAT(bench_reg_, __LINE__) =                                               \
        (::bench::add(W, NAME, [](benchmark::State& s) { ::bench::train_benchmark<__VA_ARGS__>(s, W); }), \
         true)
#define BENCH_CONCAT(a, b) BENCH_CONCAT_(a, b)
#define BENCH_CONCAT_(a, b) a##b
