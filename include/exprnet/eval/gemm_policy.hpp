/// @file
/// Defines how products are computed, as the planner decides it (no Eigen here): `uses_gemm`
/// (big products go through the GEMM kernel of eval/gemm.hpp), `uses_lazy_product` (small ones
/// are coefficient-based expressions that fuse into their reader), and the GEMM packing panels'
/// sizes (`gemm_blocking_for`, `gemm_scratch_size`), which the planner reserves in the workspace.
/// Shapes: m×k times k×n, compile-time sizes, -1 for a run-time batch.
/// Evaluation: eval/plan.hpp plans with these; eval/gemm.hpp and eval/evaluator.hpp compute so.
#pragma once

namespace exprnet {

/// Blocking of one product: panels of kc×mc (lhs) and kc×nc (rhs) live in the workspace.
struct gemm_blocking {
    long kc = 0;
    long mc = 0;
    long nc = 0;
};

/// Cache blocking chosen at compile time: the lhs panel stays within 256 KB and the rhs panel
/// within 2 MB (float), close to what Eigen's run-time heuristic picks on current x86 cores.
constexpr gemm_blocking gemm_blocking_for(long m, long n, long k) noexcept {
    return {k < 256 ? k : 256, m < 256 ? m : 256, n < 2048 ? n : 2048};
}

/// Whether a product of these compile-time sizes (-1 = run-time batch) goes through `gemm`.
/// Matrix-vector products and tiny products stay with Eigen's fixed-size code, which unrolls
/// and vectorises them (Eigen's own cut-off is m + n + k < 20).
/// Freestanding builds (EXPRNET_FREESTANDING, embedded) never use it: Eigen's GEMM keeps a heap
/// fallback that their no-heap link refuses, and a core without cache or SIMD gains nothing
/// from blocking. Every fixed-size product is then a lazy product (below).
constexpr bool uses_gemm([[maybe_unused]] long m, [[maybe_unused]] long n, [[maybe_unused]] long k) noexcept {
#ifdef EXPRNET_FREESTANDING
    return false;
#else
    if (m == 1 || n == 1 || k == 1) return false;
    if (m < 0 || n < 0 || k < 0) return true;
    return m + n + k >= 20;
#endif
}

/// Whether a param times one column (`W * x` on one sample; W is then stored row-major,
/// eval/layout.hpp) runs through Eigen's row-major GEMV, which reads x once per four rows,
/// rather than as one vectorised dot product per output (a lazy product). Measured per target,
/// since the winner changed with the core: on an AVX-512 Xeon the dot products were faster
/// (1.85 vs 2.53 µs for 784→100); on an AVX2 EPYC the GEMV is, from 10×100 up (784→100→10:
/// 3.6 vs 5.2 µs), while 16×16 and 2×16 stay faster as dot products (bench/, the
/// handwritten_*gemv* variants). Hence the cut at 1000 multiply-adds, the smallest product
/// measured faster as a GEMV; smaller ones keep the dot products (measured at 256 and below,
/// not measured in between).
constexpr bool uses_param_gemv([[maybe_unused]] long m, [[maybe_unused]] long k) noexcept {
#if defined(EXPRNET_FREESTANDING) || defined(__AVX512F__)
    return false;  // freestanding: Eigen's GEMV keeps a heap fallback (below)
#else
    return m > 0 && k > 0 && m * k >= 1000;
#endif
}

/// Whether a product that does not use `gemm` is better written as Eigen's coefficient-based
/// `lazyProduct` than as its GEMV kernel: small fixed-size products (fully unrolled and
/// vectorised), and a param times one column unless `uses_param_gemv`.
#ifndef EXPRNET_LAZY_LIMIT
#define EXPRNET_LAZY_LIMIT 1024
#endif
inline constexpr long lazy_product_limit = EXPRNET_LAZY_LIMIT;
constexpr bool uses_lazy_product(long m, long n, long k, bool lhs_is_param = false) noexcept {
#ifdef EXPRNET_FREESTANDING
    if (m > 0 && n > 0 && k > 0) return true;  // Eigen's GEMV also keeps a heap fallback
#endif
    if (m <= 0 || n <= 0 || k <= 0) return false;
    if (n == 1 && lhs_is_param) return !uses_param_gemv(m, k);
    return m * n * k <= lazy_product_limit;
}

namespace detail {

/// A panel's scalars, rounded up to 16 (so the rhs panel after it starts aligned).
constexpr long gemm_panel(long scalars) noexcept { return (scalars + 15) / 16 * 16; }

}  // namespace detail

/// Scalars of the lhs packing panel, then of both panels, of a product.
constexpr long gemm_lhs_panel_size(long m, long n, long k) noexcept {
    const gemm_blocking b = gemm_blocking_for(m, n, k);
    return detail::gemm_panel(b.kc * b.mc);
}
constexpr long gemm_scratch_size(long m, long n, long k) noexcept {
    const gemm_blocking b = gemm_blocking_for(m, n, k);
    return gemm_lhs_panel_size(m, n, k) + detail::gemm_panel(b.kc * b.nc);
}

}  // namespace exprnet
