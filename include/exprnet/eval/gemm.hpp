/// @file
/// Defines `gemm`: the matrix-product kernel for products big enough to want Eigen's blocked
/// GEMM. It calls Eigen's own kernel with run-time sizes (one instantiation per storage-order
/// pair, instead of one per shape, which keeps compile times low) and hands it packing buffers
/// inside the program's workspace, so it never allocates: neither heap (which Eigen's dynamic
/// products use past 128 KB) nor large stack arrays (which its fixed-size products use).
/// Shapes: m×k times k×n, operands in memory (maps or transposed maps).
/// Backward/Evaluation: used for every product the planner marks `uses_gemm`.
#pragma once

#include <Eigen/Core>

#include <algorithm>
#include <type_traits>

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
    return {std::min(k, 256L), std::min(m, 256L), std::min(n, 2048L)};
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

/// Whether a product that does not use `gemm` is better written as Eigen's coefficient-based
/// `lazyProduct` than as its GEMV kernel: small fixed-size products (fully unrolled and
/// vectorised), and a param times one column (`W * x` on one sample), whose param is stored
/// row-major (eval/layout.hpp): each output is then one vectorised dot product, which measured
/// faster than Eigen's row-major GEMV (1.85 vs 2.53 µs for 784→100).
#ifndef EXPRNET_LAZY_LIMIT
#define EXPRNET_LAZY_LIMIT 1024
#endif
inline constexpr long lazy_product_limit = EXPRNET_LAZY_LIMIT;
constexpr bool uses_lazy_product(long m, long n, long k, bool lhs_is_param = false) noexcept {
#ifdef EXPRNET_FREESTANDING
    if (m > 0 && n > 0 && k > 0) return true;  // Eigen's GEMV also keeps a heap fallback
#endif
    return m > 0 && n > 0 && k > 0 && (m * n * k <= lazy_product_limit || (n == 1 && lhs_is_param));
}

namespace detail {

template <class Scalar>
class workspace_blocking : public Eigen::internal::level3_blocking<Scalar, Scalar> {
public:
    workspace_blocking(Scalar* a, Scalar* b, const gemm_blocking& sizes) {
        this->m_blockA = a;
        this->m_blockB = b;
        this->m_mc = sizes.mc;
        this->m_nc = sizes.nc;
        this->m_kc = sizes.kc;
    }
};

constexpr long gemm_panel(long scalars) noexcept { return (scalars + 15) / 16 * 16; }

}  // namespace detail

/// Scalars of workspace the packing panels of a product need.
constexpr long gemm_scratch_size(long m, long n, long k) noexcept {
    const gemm_blocking b = gemm_blocking_for(m, n, k);
    return detail::gemm_panel(b.kc * b.mc) + detail::gemm_panel(b.kc * b.nc);
}

/// dst = a * b, or dst += alpha * a * b when `accumulate`, with a, b and dst in memory (dst
/// dense; a row-major dst, such as the slot of a row-major param, is computed as dstᵀ = bᵀ aᵀ).
template <class Dst, class A, class B>
void gemm(Dst&& dst, const A& a, const B& b, typename A::Scalar* scratch, typename A::Scalar alpha = 1,
          bool accumulate = false) {
    using Eigen::Index;
    using Scalar = typename A::Scalar;
    if constexpr (std::remove_cvref_t<Dst>::IsRowMajor) {
        auto dst_t = dst.transpose();
        gemm(dst_t, b.transpose(), a.transpose(), scratch, alpha, accumulate);
    } else {
        const Index m = a.rows();
        const Index k = a.cols();
        const Index n = b.cols();
        if (!accumulate) dst.setZero();
        // The panels were planned for gemm_blocking_for; within them, Eigen's own heuristic
        // (from this machine's cache sizes, as its dynamic-size products do) picks the depth and
        // the columns. The rows are one block whenever the panel holds them: with a depth below
        // k and more than one row block, Eigen packs the rhs again for every row block (it chose
        // 96 of 100 rows for 784 → 100, and packed the 784 × 64 input twice).
        const gemm_blocking planned = gemm_blocking_for(m, n, k);
        Index kc = k, mc = m, nc = n;
        Eigen::internal::computeProductBlockingSizes<Scalar, Scalar>(kc, mc, nc);
        const gemm_blocking sizes{std::min<long>(kc, planned.kc), planned.mc, std::min<long>(nc, planned.nc)};
        detail::workspace_blocking<Scalar> blocking(scratch, scratch + detail::gemm_panel(planned.kc * planned.mc), sizes);
        constexpr int lhs_order = A::IsRowMajor ? Eigen::RowMajor : Eigen::ColMajor;
        constexpr int rhs_order = B::IsRowMajor ? Eigen::RowMajor : Eigen::ColMajor;
        Eigen::internal::general_matrix_matrix_product<Index, Scalar, lhs_order, false, Scalar, rhs_order, false,
                                                       Eigen::ColMajor, 1>::run(m, n, k, a.data(), a.outerStride(),
                                                                                b.data(), b.outerStride(), dst.data(), 1,
                                                                                m, alpha, blocking, nullptr);
    }
}

}  // namespace exprnet
