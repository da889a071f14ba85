// peak/fma_f32: this core's single-thread float peak, measured: independent chains of fused
// multiply-adds on the widest vectors the target has (AVX-512: 16 floats, AVX2+FMA: 8,
// otherwise 4 floats with a separate multiply and add). The chains must cover the FMA latency
// times the FMA pipes (4-5 cycles × 2) and, with the two constants, stay in registers: 16 of 32
// with AVX-512, 12 of 16 with AVX2 (16 chains there spilled to the stack and measured 58
// GFLOP/s on a core whose peak measures 102). Reported as FLOPS (2 per lane per FMA).
#include <benchmark/benchmark.h>

#if defined(__AVX512F__) || defined(__FMA__)
#include <immintrin.h>
#endif

namespace {

#if defined(__AVX512F__)
using vec = __m512;
constexpr int lanes = 16;
inline vec splat(float v) { return _mm512_set1_ps(v); }
inline vec fma(vec a, vec b, vec c) { return _mm512_fmadd_ps(a, b, c); }
#elif defined(__FMA__)
using vec = __m256;
constexpr int lanes = 8;
inline vec splat(float v) { return _mm256_set1_ps(v); }
inline vec fma(vec a, vec b, vec c) { return _mm256_fmadd_ps(a, b, c); }
#else
using vec = float __attribute__((vector_size(16)));
constexpr int lanes = 4;
inline vec splat(float v) { return vec{v, v, v, v}; }
inline vec fma(vec a, vec b, vec c) { return a * b + c; }
#endif

#if defined(__AVX512F__)
constexpr int chains = 16;
#else
constexpr int chains = 12;
#endif
constexpr int rounds = 1024;  // FMAs per chain per iteration

void fma_f32(benchmark::State& state) {
    vec acc[chains];
    for (int i = 0; i < chains; ++i) acc[i] = splat(float(i) * 0.01f);
    const vec m = splat(0.999999f), a = splat(1e-7f);  // acc converges to 0.1: always finite
    for (auto _ : state) {
        for (int r = 0; r < rounds; ++r) {
#pragma GCC unroll 16
            for (int i = 0; i < chains; ++i) acc[i] = fma(acc[i], m, a);
        }
        for (int i = 0; i < chains; ++i) benchmark::DoNotOptimize(acc[i]);
    }
    state.counters["FLOPS"] =
        benchmark::Counter(2.0 * lanes * chains * rounds, benchmark::Counter::kIsIterationInvariantRate);
    state.counters["lanes"] = lanes;
}

}  // namespace

BENCHMARK(fma_f32)->Name("peak/fma_f32");
