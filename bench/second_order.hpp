/// @file
/// The second-order benchmarks (`bench.second_order`, issue 19): on the batch-64 training
/// workload of 784 → 100 relu → 10 (softmax cross-entropy, biases; the net and data of
/// `mlp_784_100_10_train_b64`), one call of
///   - the gradient                  `mlp_784_100_10_grad_b64/<system>`:  loss and dL/dP for every param;
///   - the Hessian-vector product    `mlp_784_100_10_hvp_b64/<system>`:   H·v for every param, v a direction;
///   - the Jacobian-vector product   `mlp_784_100_10_jvp_b64/<system>`:   d scores along v.
/// The direction v (one block per param, with the param's shape) is fixed random data
/// (`direction()`). Every system is checked before it is timed against a double-precision
/// reference (R-op written by hand in plain Eigen, itself checked against central differences
/// of its own gradient and scores), and checked to allocate nothing in a call (the binary
/// counts every `operator new`). The hand-written systems are also checked against exprnet's
/// result directly (`exprnet_hvp_once`, `exprnet_jvp_once`).
///
/// A system is constructed from the problem and the direction and has `float call()` (the
/// timed call; returns the loss, or for reverse-over-reverse the value vᵀ∇L) and
/// `std::vector<Eigen::MatrixXf> result() const` (grad, hvp: the four blocks W1, b1, W2, b2 in
/// the problem's layout; jvp: the 10 × 64 tangent of the scores).
#pragma once

#include "common.hpp"

#include <benchmark/benchmark.h>

#include <Eigen/Core>

#include <string>
#include <vector>

namespace bench::second_order {

enum class kind { grad, hvp, jvp };

/// What a system's call returns besides its result.
enum class returns { loss, dot, nothing };

/// The workload: mlp_784_100_10_train_b64's net and data.
inline constexpr workload base = workload::mnist_train_b64;

/// The direction: V[l] with W[l]'s shape, vb[l] with b[l]'s; uniform in ±1/√fan_in and ±0.1
/// like the params, from splitmix64 with its own seed ("direction").
struct direction_data {
    std::vector<Eigen::MatrixXf> V;
    std::vector<Eigen::VectorXf> vb;
};
const direction_data& direction();

/// Empty if the system's result (and the value its call returned) match the double reference;
/// else what differed. `err` receives the worst relative error.
std::string check(kind k, returns r, float value, const std::vector<Eigen::MatrixXf>& result, double& err);

/// Relative norm-wise error of a against b, over the blocks (as one vector).
double rel_err(const std::vector<Eigen::MatrixXf>& a, const std::vector<Eigen::MatrixXf>& b);

/// Heap allocations made by the process so far (malloc, calloc, realloc, aligned_alloc,
/// posix_memalign; operator new and Eigen allocate through them); -1 when not counted (ASan).
long allocations();

/// exprnet's results, for the hand-written systems' cross-check (defined in the exprnet TUs).
std::vector<Eigen::MatrixXf> exprnet_hvp_once();
std::vector<Eigen::MatrixXf> exprnet_jvp_once();

const char* name(kind k);  // "mlp_784_100_10_grad_b64", ...
void add(kind k, const std::string& system, void (*fn)(benchmark::State&));

template <class System>
[[gnu::noinline]] float timed_call(System& sys) {
    return sys.call();
}

/// Check once, check that three more calls allocate nothing, then time the call. `peer`, when
/// given, is another system's result the result must match too (the hand-written systems
/// against exprnet's).
template <class System>
void run(benchmark::State& state, kind k, std::vector<Eigen::MatrixXf> (*peer)() = nullptr) {
    auto sys = std::make_unique<System>(data(base), direction());
    double err = 0;
    const float value = sys->call();
    if (const std::string why = check(k, System::value, value, sys->result(), err); !why.empty()) {
        state.SkipWithError(why.c_str());
        return;
    }
    if (peer) {
        const double e = rel_err(sys->result(), peer());
        if (!(e <= tolerance)) {
            const std::string why = "differs from exprnet's result: relative error " + std::to_string(e);
            state.SkipWithError(why.c_str());
            return;
        }
        state.counters["vs_exprnet_rel_err"] = e;
    }
    const long before = allocations();
    for (int i = 0; i < 3; ++i) benchmark::DoNotOptimize(timed_call(*sys));
    if (const long n = allocations() - before; before >= 0 && n != 0) {
        const std::string why = "a call allocated on the heap (" + std::to_string(n) + " allocations in 3 calls)";
        state.SkipWithError(why.c_str());
        return;
    }
    float out = 0;
    for (auto _ : state) {
        out = timed_call(*sys);
        benchmark::DoNotOptimize(out);
        benchmark::ClobberMemory();
    }
    state.counters["check_rel_err"] = err;
}

}  // namespace bench::second_order

/// Registers System as "<kind's workload>/<NAME>"; the optional last argument is the peer check.
#define BENCH_SECOND_ORDER(KIND, NAME, SYSTEM, ...)                                                   \
    static const bool BENCH_CONCAT(bench_so_reg_, __LINE__) =                                        \
        (::bench::second_order::add(KIND, NAME,                                                      \
                                    [](benchmark::State& s) {                                        \
                                        ::bench::second_order::run<SYSTEM>(s, KIND __VA_OPT__(, ) __VA_ARGS__); \
                                    }),                                                              \
         true)
