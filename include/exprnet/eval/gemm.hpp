/// @file
/// Defines `gemm`: the matrix-product kernel for products big enough to want a blocked GEMM. In
/// float on x86 with AVX2 and FMA it runs exprnet's own kernel (eval/detail/gemm_avx2.hpp:
/// 16×6 micro-kernel, 20-40 % faster than Eigen's on these shapes); otherwise it calls Eigen's
/// own kernel with run-time sizes (one instantiation per storage-order pair, instead of one per
/// shape, which keeps compile times low). Both get packing buffers inside the program's
/// workspace, so neither allocates: no heap (which Eigen's dynamic products use past 128 KB)
/// and no large stack arrays (which its fixed-size products use).
/// Shapes: m×k times k×n, operands in memory (maps or transposed maps).
/// Backward/Evaluation: used for every product the planner marks `uses_gemm`; which products
/// those are, and the panels' sizes, are eval/gemm_policy.hpp's (the planner's, without Eigen).
#pragma once

#include <exprnet/eval/detail/gemm_avx2.hpp>
#include <exprnet/eval/gemm_policy.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <type_traits>

namespace exprnet {

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

}  // namespace detail

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
        const gemm_blocking planned = gemm_blocking_for(m, n, k);
        Scalar* const rhs_panel = scratch + gemm_lhs_panel_size(m, n, k);
#if defined(__AVX2__) && defined(__FMA__)
        if constexpr (std::is_same_v<Scalar, float>) {
            // Element (r, c) of an operand at data[r * row_step + c * col_step].
            const auto operand = [](const auto& x) {
                using X = std::remove_cvref_t<decltype(x)>;
                return detail::gemm_avx2::operand{x.data(), X::IsRowMajor ? long(x.outerStride()) : 1L,
                                                  X::IsRowMajor ? 1L : long(x.outerStride())};
            };
            detail::gemm_avx2::product(m, n, k, operand(a), operand(b), dst.data(), dst.outerStride(), alpha, accumulate,
                                       scratch, rhs_panel, planned.kc, planned.mc, planned.nc);
            return;
        }
#endif
        if (!accumulate) dst.setZero();
        // The panels were planned for gemm_blocking_for; within them, Eigen's own heuristic
        // (from this machine's cache sizes, as its dynamic-size products do) picks the depth and
        // the columns. The rows are one block whenever the panel holds them: with a depth below
        // k and more than one row block, Eigen packs the rhs again for every row block (it chose
        // 96 of 100 rows for 784 → 100, and packed the 784 × 64 input twice).
        Index kc = k, mc = m, nc = n;
        Eigen::internal::computeProductBlockingSizes<Scalar, Scalar>(kc, mc, nc);
        const gemm_blocking sizes{std::min<long>(kc, planned.kc), planned.mc, std::min<long>(nc, planned.nc)};
        detail::workspace_blocking<Scalar> blocking(scratch, rhs_panel, sizes);
        constexpr int lhs_order = A::IsRowMajor ? Eigen::RowMajor : Eigen::ColMajor;
        constexpr int rhs_order = B::IsRowMajor ? Eigen::RowMajor : Eigen::ColMajor;
        Eigen::internal::general_matrix_matrix_product<Index, Scalar, lhs_order, false, Scalar, rhs_order, false,
                                                       Eigen::ColMajor, 1>::run(m, n, k, a.data(), a.outerStride(),
                                                                                b.data(), b.outerStride(), dst.data(), 1,
                                                                                m, alpha, blocking, nullptr);
    }
}

}  // namespace exprnet
