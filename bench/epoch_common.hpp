/// @file
/// The end-to-end training benchmark, `bench.epoch` (issue 18): epochs of a whole training
/// recipe, the job a user compares, for exprnet, hand-written Eigen and (bench/epoch_pytorch.py)
/// PyTorch. Two tasks:
///   fashion: Fashion-MNIST (Debian's dataset-fashion-mnist), 784 → 256 ReLU → 128 ReLU → 10;
///   cifar:   CIFAR-sized random data (10,000 training and 2,000 test samples of 3072 values
///            in [0, 1), ten classes of faint mean images in strong noise), 3072 → 100 ReLU →
///            10.
/// The recipe is examples/fashion_mnist's: softmax cross-entropy, Adam (lr 1e-3) with the
/// cosine decay 1e-3 → 1e-5 over all steps, batch 128, the last partial batch dropped, weights
/// He-normal (seed 2017) and biases zero, the batch order of nn::batch_order (seed 1). All
/// random numbers come from nn/random.hpp, which bench/epoch_pytorch.py ports bit for bit.
///
/// A system is constructed from the task's data and has `void epoch(long e)` (shuffle for
/// epoch e, then every batch: gather, forward, backward, Adam) and `double test_accuracy()`.
/// Each benchmark repetition is one epoch of one persistent system, so the repetitions are
/// the epochs in order and Google Benchmark's median is the median epoch.
#pragma once

#include <benchmark/benchmark.h>

#include <Eigen/Core>

#include <cmath>
#include <memory>
#include <numbers>
#include <string>
#include <vector>

namespace bench::epoch {

enum class task { fashion, cifar };

struct task_info {
    const char* name;
    std::vector<int> sizes;  // input first
};
const task_info& info(task t);

struct dataset {
    Eigen::MatrixXf train_x, test_x;  // one sample per column
    std::vector<int> train_labels, test_labels;
};

/// The task's data, loaded or generated once. Empty (no columns) when Fashion-MNIST is not
/// installed; `missing` then says what to install.
const dataset& data(task t, std::string& missing);

inline constexpr int batch = 128;
inline constexpr int epochs = 20;
inline constexpr std::uint64_t init_seed = 2017, order_seed = 1;
inline constexpr double initial_rate = 1e-3, final_rate = 1e-5;

/// FLOPs of one epoch, counted by hand: 2 × the multiply-adds of the matrix products (forward,
/// the weight gradients, the input gradients of every layer but the first) of every batch.
double flops_per_epoch(task t);

/// The learning rate of step t of `total`: nn::cosine_decay's formula.
inline double cosine_rate(long t, long total) {
    if (t >= total) return final_rate;
    if (t <= 0) return initial_rate;
    return final_rate + (initial_rate - final_rate) * 0.5 * (1 + std::cos(std::numbers::pi * double(t) / double(total)));
}

/// The share of columns of `scores` whose largest entry is at its label.
double accuracy(const Eigen::MatrixXf& scores, const std::vector<int>& labels);

void add(task t, const std::string& system, void (*fn)(benchmark::State&));

/// The harness: one persistent System per instantiation; each call (one repetition) trains one
/// epoch, then reports the test accuracy (untimed) and the rate of FLOPs.
template <class System, task T>
void epoch_benchmark(benchmark::State& state) {
    std::string missing;
    const dataset& d = data(T, missing);
    if (!missing.empty()) {
        state.SkipWithError(missing.c_str());
        return;
    }
    static std::unique_ptr<System> sys;
    static long epoch = 0;
    if (!sys) sys = std::make_unique<System>(d);
    for (auto _ : state) sys->epoch(++epoch);
    state.counters["epoch"] = double(epoch);
    state.counters["test_accuracy"] = sys->test_accuracy();
    state.counters["FLOPS"] = benchmark::Counter(flops_per_epoch(T), benchmark::Counter::kIsIterationInvariantRate);
}

}  // namespace bench::epoch

/// Registers System for task T as "epoch_<task>/<name>".
#define BENCH_EPOCH(T, NAME, ...)                                                                                  \
    static const bool BENCH_EPOCH_CONCAT(bench_epoch_reg_, __LINE__) =                                             \
        (::bench::epoch::add(T, NAME, [](benchmark::State& s) { ::bench::epoch::epoch_benchmark<__VA_ARGS__, T>(s); }), \
         true)
#define BENCH_EPOCH_CONCAT(a, b) BENCH_EPOCH_CONCAT_(a, b)
#define BENCH_EPOCH_CONCAT_(a, b) a##b
