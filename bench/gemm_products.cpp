// The matrix products of the training steps, one benchmark each, "gemm_<m>x<n>x<k>_<ops>/<system>":
// C (m × n, column-major) = A (m × k) · B (k × n), the operands as exprnet's programs store them
// (bench/README.md lists which step each product is). <ops> names the operands' storage the
// BLAS way: 'n' column-major, 't' row-major (the transpose of a column-major matrix), A first.
// A row-major result (the weight gradient of a row-major param) is computed as its transpose, as
// exprnet::gemm does, so every C is column-major.
//
// Systems:
//   exprnet        exprnet::gemm (eval/gemm.hpp) with its scratch of gemm_scratch_size floats, for the
//                  products the planner sends to it (uses_gemm); for the others (the 2-16-16-2 net,
//                  batch 1) what the planner runs instead: a fixed-size lazyProduct, or for a rank-1
//                  product (k = 1) the loop of evaluator<matmul>::outer, written here as it is there
//   eigen          dst.noalias() = a * b on run-time-size maps
//   libxsmm, libxsmm_sgemm    bench/libxsmm.cpp, when CMake finds libxsmm (EXPRNET_BENCH_PEERS)
//
// Each benchmark checks its first result against a double-precision product (relative error in
// the Frobenius norm at most 1e-4; C is filled with NaN before, so a kernel that accumulates into C
// or leaves part of it fails), then times one call per iteration, always through a function
// pointer, the same for every system. Counters: FLOPS (2 m n k per call, a rate) and check_rel_err;
// the label says which code path ran.
#include "common.hpp"

#include <exprnet/eval/gemm.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace bench::gemm {

// The interface bench/libxsmm.cpp uses (it declares the same three names; a mismatch does not link).
//
// A system prepares itself for one product (sizes, and whether A and B are stored row-major) and
// returns the function that computes it, with its context in `ctx`; or nullptr, with the reason in
// `label`. On success `label` says which code path runs. `release` frees the context.
using run_fn = void (*)(void* ctx, const float* a, const float* b, float* c);
using prepare_fn = run_fn (*)(int m, int n, int k, bool a_row_major, bool b_row_major, void*& ctx, std::string& label);
using release_fn = void (*)(void* ctx);

/// Registers "gemm_<product>/<system>" for every product.
void add_system(const char* system, prepare_fn prepare, release_fn release);

namespace {

using Eigen::ColMajor;
using Eigen::Dynamic;
using Eigen::RowMajor;

// ---------------------------------------------------------------------------------------------
// The planner's code for the products that do not use exprnet::gemm (all of them in the 2-16-16-2
// net at batch 1): fixed sizes, the storage order of each operand.

/// Eigen's options for an R × C matrix stored row-major or not (a vector has one valid order).
constexpr int options(int r, int c, bool row_major) {
    return r == 1 && c != 1 ? RowMajor : c == 1 && r != 1 ? ColMajor : row_major ? RowMajor : ColMajor;
}
template <int R, int C, bool RowMajorStorage>
using fixed_map = Eigen::Map<const Eigen::Matrix<float, R, C, options(R, C, RowMajorStorage)>>;

template <int M, int N, int K, bool ARow, bool BRow>
void exprnet_small(void*, const float* a, const float* b, float* c) {
    const fixed_map<M, K, ARow> A(a);
    const fixed_map<K, N, BRow> B(b);
    Eigen::Map<Eigen::Matrix<float, M, N, options(M, N, false)>> C(c);
    if constexpr (K == 1) {
        // evaluator<matmul>::outer<false> (eval/evaluator.hpp) on a column-major destination.
        for (Eigen::Index j = 0; j < N; ++j) C.col(j) = B(0, j) * A.col(0);
    } else {
        // evaluator<matmul>::run of a product the planner marks uses_lazy_product.
        C = A.lazyProduct(B);
    }
}

// ---------------------------------------------------------------------------------------------
// The products.

struct product {
    int m, n, k;
    bool a_row_major, b_row_major;
    run_fn small;  // exprnet's fixed-size code, for the products that do not use exprnet::gemm
    std::string name() const {
        char buf[64];
        std::snprintf(buf, sizeof buf, "gemm_%dx%dx%d_%c%c", m, n, k, a_row_major ? 't' : 'n', b_row_major ? 't' : 'n');
        return buf;
    }
};

template <int M, int N, int K, bool ARow, bool BRow>
constexpr product small() {
    return {M, N, K, ARow, BRow, &exprnet_small<M, N, K, ARow, BRow>};
}

// Where they come from, with the layouts exprnet chooses on an AVX2 host (eval/layout.hpp: a
// param that is a left factor is row-major when it has more than 1024 coefficients, at least 1000
// on AVX2, or fewer rows than a SIMD packet; activations and inputs are column-major, one sample per column; a gradient
// has its param's layout). `exprnet::print(program)` lists the steps. Each distinct product once.
const std::vector<product>& products() {
    static const std::vector<product> table = {
        // 784-100-10 and 3072-100-10, batch 64: W1 and W2 row-major (W2, 10 × 100, because a
        // one-sample W2 h runs as a row-major GEMV on AVX2: uses_param_gemv).
        {100, 64, 784, true, false, nullptr},    // Z1 = W1 X
        {10, 64, 100, true, false, nullptr},     // Z2 = W2 H1 (both nets)
        {100, 64, 10, false, false, nullptr},    // dH1 = W2ᵀ dZ2 (both nets)
        {784, 100, 64, false, true, nullptr},    // dW1ᵀ = X dZ1ᵀ (dW1 is row-major)
        {100, 10, 64, false, true, nullptr},     // dW2ᵀ = H1 dZ2ᵀ (both nets)
        {100, 64, 3072, true, false, nullptr},   // Z1 = W1 X, 3072 inputs
        {3072, 100, 64, false, true, nullptr},   // dW1ᵀ = X dZ1ᵀ, 3072 inputs
        // Fashion-MNIST 784-256-128-10, batch 128: every W row-major.
        {256, 128, 784, true, false, nullptr},   // Z1 = W1 X
        {128, 128, 256, true, false, nullptr},   // Z2 = W2 H1
        {10, 128, 128, true, false, nullptr},    // Z3 = W3 H2
        {128, 128, 10, false, false, nullptr},   // dH2 = W3ᵀ dZ3
        {256, 128, 128, false, false, nullptr},  // dH1 = W2ᵀ dZ2
        {784, 256, 128, false, true, nullptr},   // dW1ᵀ = X dZ1ᵀ
        {256, 128, 128, false, true, nullptr},   // dW2ᵀ = H1 dZ2ᵀ
        {128, 10, 128, false, true, nullptr},    // dW3ᵀ = H2 dZ3ᵀ
        // 2-16-16-2, batch 1: W1, W2 column-major, W3 (2 × 16) row-major. The planner fuses these
        // products into their readers (tanh(W1 x + b1), ...); here each is computed alone.
        small<16, 1, 2, false, false>(),    // W1 x, and dH2 = W3ᵀ dZ3
        small<16, 1, 16, false, false>(),   // W2 H1
        small<2, 1, 16, true, false>(),     // W3 H2
        small<16, 1, 16, true, false>(),    // dH1 = W2ᵀ dZ2
        small<16, 2, 1, false, false>(),    // dW1 = dZ1 xᵀ, and dW3ᵀ = H2 dZ3ᵀ
        small<16, 16, 1, false, false>(),   // dW2 = dZ2 H1ᵀ
        // Not what exprnet runs: the first layer's forward product with W1 stored column-major
        // (nothing else reads W1 as a left factor), the layout a backend without a transposed-A
        // kernel would choose (libxsmm 1.17's JIT has none).
        {100, 64, 784, false, false, nullptr},
        {100, 64, 3072, false, false, nullptr},
        {256, 128, 784, false, false, nullptr},
    };
    return table;
}

// ---------------------------------------------------------------------------------------------
// Data, the double reference, the check.

struct aligned_free {
    void operator()(float* p) const { std::free(p); }
};
using buffer = std::unique_ptr<float[], aligned_free>;

buffer allocate(std::size_t count) {
    const std::size_t bytes = (count * sizeof(float) + 63) / 64 * 64;
    return buffer(static_cast<float*>(std::aligned_alloc(64, bytes)));
}

/// splitmix64, uniform in [-1, 1) with 24 significant bits (as in common.cpp).
class rng {
public:
    explicit rng(std::uint64_t seed) : state_(seed) {}
    float uniform() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        z ^= z >> 31;
        return float(double(z >> 40) * 0x1.0p-23 - 1.0);
    }

private:
    std::uint64_t state_;
};

struct operands {
    buffer a, b;
    std::vector<double> c;  // the double-precision product, column-major
};

const operands& data(const product& p) {
    static std::map<std::string, operands> cache;
    const std::string key = p.name();
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
    operands d;
    const std::size_t m = std::size_t(p.m), n = std::size_t(p.n), k = std::size_t(p.k);
    rng r(0x67656d6d ^ ((m * 1000003u + n) * 1000003u + k));
    d.a = allocate(m * k);
    d.b = allocate(k * n);
    for (std::size_t i = 0; i < m * k; ++i) d.a[i] = r.uniform();
    for (std::size_t i = 0; i < k * n; ++i) d.b[i] = r.uniform();
    d.c.assign(m * n, 0.0);
    for (std::size_t j = 0; j < n; ++j)
        for (std::size_t q = 0; q < k; ++q) {
            const double bqj = p.b_row_major ? d.b[q * n + j] : d.b[q + j * k];
            for (std::size_t i = 0; i < m; ++i) d.c[i + j * m] += double(p.a_row_major ? d.a[i * k + q] : d.a[i + q * m]) * bqj;
        }
    return cache.emplace(key, std::move(d)).first->second;
}

double rel_err(const float* c, const std::vector<double>& ref) {
    double num = 0, den = 0;
    for (std::size_t i = 0; i < ref.size(); ++i) {
        const double d = double(c[i]) - ref[i];
        num += d * d;
        den += ref[i] * ref[i];
    }
    if (!std::isfinite(num)) return HUGE_VAL;
    return den > 0 ? std::sqrt(num / den) : std::sqrt(num);
}

void run_benchmark(benchmark::State& state, const product& p, prepare_fn prepare, release_fn release) {
    const operands& d = data(p);
    const std::size_t size_c = std::size_t(p.m) * std::size_t(p.n);
    buffer c = allocate(size_c);
    std::fill(c.get(), c.get() + size_c, std::numeric_limits<float>::quiet_NaN());
    void* ctx = nullptr;
    std::string label;
    const run_fn run = prepare(p.m, p.n, p.k, p.a_row_major, p.b_row_major, ctx, label);
    if (run == nullptr) {
        state.SkipWithError(label.c_str());
        return;
    }
    const std::unique_ptr<void, release_fn> owner(ctx, release);
    run(ctx, d.a.get(), d.b.get(), c.get());
    const double err = rel_err(c.get(), d.c);
    if (!(err <= tolerance)) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "the product differs from the double reference: relative error %.2e (tolerance %.0e)",
                      err, tolerance);
        state.SkipWithError(buf);
        return;
    }
    for (auto _ : state) {
        run(ctx, d.a.get(), d.b.get(), c.get());
        benchmark::ClobberMemory();
    }
    state.counters["FLOPS"] = benchmark::Counter(2.0 * p.m * p.n * p.k, benchmark::Counter::kIsIterationInvariantRate);
    state.counters["check_rel_err"] = err;
    state.SetLabel(label);
}

// ---------------------------------------------------------------------------------------------
// exprnet and Eigen.

struct shape {
    Eigen::Index m, n, k;
};
struct gemm_context : shape {
    buffer scratch;  // gemm_scratch_size(m, n, k) floats (in a program: the workspace's panels)
};

template <bool RowMajorStorage>
using dynamic_map = Eigen::Map<const Eigen::Matrix<float, Dynamic, Dynamic, RowMajorStorage ? RowMajor : ColMajor>>;

template <bool ARow, bool BRow>
void exprnet_gemm(void* ctx, const float* a, const float* b, float* c) {
    auto& s = *static_cast<gemm_context*>(ctx);
    exprnet::gemm(Eigen::Map<Eigen::MatrixXf>(c, s.m, s.n), dynamic_map<ARow>(a, s.m, s.k), dynamic_map<BRow>(b, s.k, s.n),
                  s.scratch.get());
}

template <bool ARow, bool BRow>
void eigen_product(void* ctx, const float* a, const float* b, float* c) {
    const auto& s = *static_cast<const shape*>(ctx);
    Eigen::Map<Eigen::MatrixXf>(c, s.m, s.n).noalias() = dynamic_map<ARow>(a, s.m, s.k) * dynamic_map<BRow>(b, s.k, s.n);
}

run_fn prepare_exprnet(int m, int n, int k, bool a_row, bool b_row, void*& ctx, std::string& label) {
    if (!exprnet::uses_gemm(m, n, k)) {
        for (const product& p : products())
            if (p.m == m && p.n == n && p.k == k && p.a_row_major == a_row && p.b_row_major == b_row && p.small) {
                ctx = nullptr;
                label = k == 1 ? "rank-1 loop of evaluator<matmul>::outer (fixed size)" : "fixed-size lazyProduct";
                return p.small;
            }
        label = "exprnet computes this product without gemm, and no fixed-size code is instantiated for it here";
        return nullptr;
    }
    ctx = new gemm_context{{m, n, k}, allocate(std::size_t(exprnet::gemm_scratch_size(m, n, k)))};
#if defined(__AVX2__) && defined(__FMA__)
    label = "exprnet::gemm, AVX2 kernel";
#else
    label = "exprnet::gemm, Eigen's kernel";
#endif
    if (a_row) return b_row ? &exprnet_gemm<true, true> : &exprnet_gemm<true, false>;
    return b_row ? &exprnet_gemm<false, true> : &exprnet_gemm<false, false>;
}

void release_exprnet(void* ctx) { delete static_cast<gemm_context*>(ctx); }

run_fn prepare_eigen(int m, int n, int k, bool a_row, bool b_row, void*& ctx, std::string& label) {
    ctx = new shape{m, n, k};
    label = "Eigen operator*, run-time sizes";
    if (a_row) return b_row ? &eigen_product<true, true> : &eigen_product<true, false>;
    return b_row ? &eigen_product<false, true> : &eigen_product<false, false>;
}

void release_eigen(void* ctx) { delete static_cast<shape*>(ctx); }

const bool registered = (add_system("exprnet", &prepare_exprnet, &release_exprnet),
                         add_system("eigen", &prepare_eigen, &release_eigen), true);

}  // namespace

void add_system(const char* system, prepare_fn prepare, release_fn release) {
    for (const product& p : products())
        benchmark::RegisterBenchmark((p.name() + "/" + system).c_str(),
                                     [p, prepare, release](benchmark::State& state) { run_benchmark(state, p, prepare, release); });
}

}  // namespace bench::gemm
