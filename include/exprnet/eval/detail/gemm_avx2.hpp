/// @file
/// Internal: `detail::gemm_avx2`, the float matrix product on x86 cores with AVX2 and FMA,
/// BLIS's design: the rhs packed into panels of 6 columns, the lhs into panels of 16 rows, both
/// in the workspace's packing panels; a 16×6 micro-kernel keeps its block of C in 12 ymm
/// registers (two 8-float halves of 6 columns: column-major C is written whole) and per step of
/// the depth loads 16 lhs values, broadcasts 6 rhs values and issues 12 FMAs. Empty elsewhere.
/// Loops: columns by nc (rhs panel), depth by kc, rows by mc (lhs panel, in L2), then 6-column
/// micro-panels (in L1) times 16-row micro-panels. Edge blocks go through a 16×6 tile.
#pragma once

#if defined(__AVX2__) && defined(__FMA__)

#include <immintrin.h>

#include <algorithm>
#include <cstring>

namespace exprnet::detail::gemm_avx2 {

inline constexpr long mr = 16, nr = 6;

/// c (16×6 at ldc, column-major) = alpha · a_panel · b_panel (+ c when accumulate), over depth
/// kc; with Half, only the panel's first 8 rows (a block's last rows, when 8 or fewer are left).
template <bool Half = false>
void micro_kernel(long kc, const float* a, const float* b, float* c, long ldc, float alpha, bool accumulate) {
    __m256 c0l = _mm256_setzero_ps(), c0h = c0l, c1l = c0l, c1h = c0l, c2l = c0l, c2h = c0l;
    __m256 c3l = c0l, c3h = c0l, c4l = c0l, c4h = c0l, c5l = c0l, c5h = c0l;
    for (long p = 0; p < kc; ++p, a += mr, b += nr) {
        const __m256 al = _mm256_loadu_ps(a);
        const __m256 ah = Half ? al : _mm256_loadu_ps(a + 8);
        __m256 bj = _mm256_broadcast_ss(b);
        c0l = _mm256_fmadd_ps(al, bj, c0l);
        if constexpr (!Half) c0h = _mm256_fmadd_ps(ah, bj, c0h);
        bj = _mm256_broadcast_ss(b + 1);
        c1l = _mm256_fmadd_ps(al, bj, c1l);
        if constexpr (!Half) c1h = _mm256_fmadd_ps(ah, bj, c1h);
        bj = _mm256_broadcast_ss(b + 2);
        c2l = _mm256_fmadd_ps(al, bj, c2l);
        if constexpr (!Half) c2h = _mm256_fmadd_ps(ah, bj, c2h);
        bj = _mm256_broadcast_ss(b + 3);
        c3l = _mm256_fmadd_ps(al, bj, c3l);
        if constexpr (!Half) c3h = _mm256_fmadd_ps(ah, bj, c3h);
        bj = _mm256_broadcast_ss(b + 4);
        c4l = _mm256_fmadd_ps(al, bj, c4l);
        if constexpr (!Half) c4h = _mm256_fmadd_ps(ah, bj, c4h);
        bj = _mm256_broadcast_ss(b + 5);
        c5l = _mm256_fmadd_ps(al, bj, c5l);
        if constexpr (!Half) c5h = _mm256_fmadd_ps(ah, bj, c5h);
    }
    const __m256 s = _mm256_set1_ps(alpha);
    const auto store = [&](float* col, __m256 lo, __m256 hi) {
        if (accumulate) {
            _mm256_storeu_ps(col, _mm256_fmadd_ps(lo, s, _mm256_loadu_ps(col)));
            if constexpr (!Half) _mm256_storeu_ps(col + 8, _mm256_fmadd_ps(hi, s, _mm256_loadu_ps(col + 8)));
        } else {
            _mm256_storeu_ps(col, _mm256_mul_ps(lo, s));
            if constexpr (!Half) _mm256_storeu_ps(col + 8, _mm256_mul_ps(hi, s));
        }
    };
    store(c, c0l, c0h);
    store(c + ldc, c1l, c1h);
    store(c + 2 * ldc, c2l, c2h);
    store(c + 3 * ldc, c3l, c3h);
    store(c + 4 * ldc, c4l, c4h);
    store(c + 5 * ldc, c5l, c5h);
}

/// An operand in memory: element (r, c) at data[r * row_step + c * col_step].
struct operand {
    const float* data;
    long row_step, col_step;
    float operator()(long r, long c) const noexcept { return data[r * row_step + c * col_step]; }
};

/// The lhs rows [i0, i0 + mc) × depth [p0, p0 + kc) as panels of 16 rows, each kc × 16, read
/// along the lhs's contiguous direction: the whole panels into dst, a last partial one (zero
/// rows past the end) into tail, so that dst needs no more than mc × kc floats.
inline void pack_lhs(float* dst, float* tail, const operand& a, long i0, long p0, long mc, long kc) {
    for (long ir = 0; ir < mc; ir += mr, dst += mr * kc) {
        const long rows = std::min(mr, mc - ir);
        if (rows < mr) dst = tail;
        if (rows < mr) std::fill(dst, dst + mr * kc, 0.0f);
        if (a.row_step == 1) {  // column-major: 16 consecutive rows per depth step
            for (long p = 0; p < kc; ++p) {
                const float* from = a.data + (i0 + ir) + (p0 + p) * a.col_step;
                if (rows == mr) {
                    _mm256_storeu_ps(dst + p * mr, _mm256_loadu_ps(from));
                    _mm256_storeu_ps(dst + p * mr + 8, _mm256_loadu_ps(from + 8));
                } else {
                    std::memcpy(dst + p * mr, from, sizeof(float) * std::size_t(rows));
                }
            }
        } else {  // row-major: each row is consecutive along the depth
            for (long i = 0; i < rows; ++i) {
                const float* from = a.data + (i0 + ir + i) * a.row_step + p0 * a.col_step;
                for (long p = 0; p < kc; ++p) dst[p * mr + i] = from[p * a.col_step];
            }
        }
    }
}

/// The rhs depth [p0, p0 + kc) × columns [j0, j0 + nc) as panels of 6 columns, each kc × 6,
/// read along the rhs's contiguous direction: whole panels into dst, a last partial one (zero
/// columns past the end) into tail.
inline void pack_rhs(float* dst, float* tail, const operand& b, long p0, long j0, long kc, long nc) {
    for (long jr = 0; jr < nc; jr += nr, dst += nr * kc) {
        const long cols = std::min(nr, nc - jr);
        if (cols < nr) dst = tail;
        if (cols < nr) std::fill(dst, dst + nr * kc, 0.0f);
        if (b.col_step == 1) {  // row-major: 6 consecutive columns per depth step
            for (long p = 0; p < kc; ++p) {
                const float* from = b.data + (p0 + p) * b.row_step + (j0 + jr);
                for (long j = 0; j < cols; ++j) dst[p * nr + j] = from[j];
            }
        } else {  // column-major: each column is consecutive along the depth
            for (long j = 0; j < cols; ++j) {
                const float* from = b.data + p0 * b.row_step + (j0 + jr + j) * b.col_step;
                for (long p = 0; p < kc; ++p) dst[p * nr + j] = from[p * b.row_step];
            }
        }
    }
}

inline constexpr long max_kc = 256;

/// c (m×n, column-major, ldc) = alpha · a · b (+ c when accumulate), a m×k and b k×n; the
/// panels hold min(m, mc) × kc and min(n, nc) × kc floats (kc ≤ 256), the partial micro-panels
/// live on the stack (22.5 KB).
inline void product(long m, long n, long k, const operand& a, const operand& b, float* c, long ldc, float alpha,
                    bool accumulate, float* lhs_panel, float* rhs_panel, long kc, long mc, long nc) {
    alignas(32) float tile[mr * nr];
    alignas(32) float lhs_tail[mr * max_kc];
    alignas(32) float rhs_tail[nr * max_kc];
    kc = std::min(kc, max_kc);
    kc = (k + (k + kc - 1) / kc - 1) / ((k + kc - 1) / kc);  // equal depth blocks: 784 = 4 × 196, not 3 × 256 + 16
    for (long jc = 0; jc < n; jc += nc) {
        const long ncur = std::min(nc, n - jc);
        for (long pc = 0; pc < k; pc += kc) {
            const long kcur = std::min(kc, k - pc);
            const bool add = accumulate || pc > 0;
            pack_rhs(rhs_panel, rhs_tail, b, pc, jc, kcur, ncur);
            for (long ic = 0; ic < m; ic += mc) {
                const long mcur = std::min(mc, m - ic);
                pack_lhs(lhs_panel, lhs_tail, a, ic, pc, mcur, kcur);
                for (long jr = 0; jr < ncur; jr += nr) {
                    const long cols = std::min(nr, ncur - jr);
                    const float* bp = cols == nr ? rhs_panel + jr * kcur : rhs_tail;
                    for (long ir = 0; ir < mcur; ir += mr) {
                        const long rows = std::min(mr, mcur - ir);
                        const float* ap = rows == mr ? lhs_panel + ir * kcur : lhs_tail;
                        float* cp = c + (ic + ir) + (jc + jr) * ldc;
                        if (rows == mr && cols == nr) {
                            micro_kernel(kcur, ap, bp, cp, ldc, alpha, add);
                        } else {
                            if (rows <= 8) micro_kernel<true>(kcur, ap, bp, tile, mr, alpha, false);
                            else micro_kernel(kcur, ap, bp, tile, mr, alpha, false);
                            for (long j = 0; j < cols; ++j)
                                for (long i = 0; i < rows; ++i)
                                    cp[i + j * ldc] = add ? cp[i + j * ldc] + tile[i + j * mr] : tile[i + j * mr];
                        }
                    }
                }
            }
        }
    }
}

}  // namespace exprnet::detail::gemm_avx2

#endif  // __AVX2__ && __FMA__
