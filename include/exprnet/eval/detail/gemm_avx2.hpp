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

constexpr long round_up(long v, long to) noexcept { return (v + to - 1) / to * to; }

/// c (16×6 at ldc, column-major) = alpha · a_panel · b_panel (+ c when accumulate), over depth kc.
inline void micro_kernel(long kc, const float* a, const float* b, float* c, long ldc, float alpha, bool accumulate) {
    __m256 c0l = _mm256_setzero_ps(), c0h = c0l, c1l = c0l, c1h = c0l, c2l = c0l, c2h = c0l;
    __m256 c3l = c0l, c3h = c0l, c4l = c0l, c4h = c0l, c5l = c0l, c5h = c0l;
    for (long p = 0; p < kc; ++p, a += mr, b += nr) {
        const __m256 al = _mm256_loadu_ps(a), ah = _mm256_loadu_ps(a + 8);
        __m256 bj = _mm256_broadcast_ss(b);
        c0l = _mm256_fmadd_ps(al, bj, c0l), c0h = _mm256_fmadd_ps(ah, bj, c0h);
        bj = _mm256_broadcast_ss(b + 1);
        c1l = _mm256_fmadd_ps(al, bj, c1l), c1h = _mm256_fmadd_ps(ah, bj, c1h);
        bj = _mm256_broadcast_ss(b + 2);
        c2l = _mm256_fmadd_ps(al, bj, c2l), c2h = _mm256_fmadd_ps(ah, bj, c2h);
        bj = _mm256_broadcast_ss(b + 3);
        c3l = _mm256_fmadd_ps(al, bj, c3l), c3h = _mm256_fmadd_ps(ah, bj, c3h);
        bj = _mm256_broadcast_ss(b + 4);
        c4l = _mm256_fmadd_ps(al, bj, c4l), c4h = _mm256_fmadd_ps(ah, bj, c4h);
        bj = _mm256_broadcast_ss(b + 5);
        c5l = _mm256_fmadd_ps(al, bj, c5l), c5h = _mm256_fmadd_ps(ah, bj, c5h);
    }
    const __m256 s = _mm256_set1_ps(alpha);
    const auto store = [&](float* col, __m256 lo, __m256 hi) {
        if (accumulate) {
            _mm256_storeu_ps(col, _mm256_fmadd_ps(lo, s, _mm256_loadu_ps(col)));
            _mm256_storeu_ps(col + 8, _mm256_fmadd_ps(hi, s, _mm256_loadu_ps(col + 8)));
        } else {
            _mm256_storeu_ps(col, _mm256_mul_ps(lo, s));
            _mm256_storeu_ps(col + 8, _mm256_mul_ps(hi, s));
        }
    };
    store(c, c0l, c0h);
    store(c + ldc, c1l, c1h);
    store(c + 2 * ldc, c2l, c2h);
    store(c + 3 * ldc, c3l, c3h);
    store(c + 4 * ldc, c4l, c4h);
    store(c + 5 * ldc, c5l, c5h);
}

/// The lhs block rows [i0, i0 + mc) × depth [p0, p0 + kc) as panels of 16 rows, each kc × 16
/// (zero rows past the end). at(i, p) reads the lhs.
template <class At>
void pack_lhs(float* dst, long mc, long kc, At at) {
    for (long ir = 0; ir < mc; ir += mr) {
        const long rows = std::min(mr, mc - ir);
        for (long p = 0; p < kc; ++p, dst += mr) {
            long i = 0;
            for (; i < rows; ++i) dst[i] = at(ir + i, p);
            for (; i < mr; ++i) dst[i] = 0;
        }
    }
}

/// The rhs block depth [p0, p0 + kc) × columns [j0, j0 + nc) as panels of 6 columns, each
/// kc × 6 (zero columns past the end). at(p, j) reads the rhs.
template <class At>
void pack_rhs(float* dst, long kc, long nc, At at) {
    for (long jr = 0; jr < nc; jr += nr) {
        const long cols = std::min(nr, nc - jr);
        for (long p = 0; p < kc; ++p, dst += nr) {
            long j = 0;
            for (; j < cols; ++j) dst[j] = at(p, jr + j);
            for (; j < nr; ++j) dst[j] = 0;
        }
    }
}

/// c (m×n, column-major, ldc) = alpha · a · b (+ c when accumulate); a(i, p) and b(p, j) read
/// the operands; lhs_panel holds round_up(min(m, mc), 16) × kc floats, rhs_panel
/// round_up(min(n, nc), 6) × kc.
template <class A, class B>
void product(long m, long n, long k, A a, B b, float* c, long ldc, float alpha, bool accumulate, float* lhs_panel,
             float* rhs_panel, long kc, long mc, long nc) {
    alignas(32) float tile[mr * nr];
    for (long jc = 0; jc < n; jc += nc) {
        const long ncur = std::min(nc, n - jc);
        for (long pc = 0; pc < k; pc += kc) {
            const long kcur = std::min(kc, k - pc);
            const bool add = accumulate || pc > 0;
            pack_rhs(rhs_panel, kcur, ncur, [&](long p, long j) { return b(pc + p, jc + j); });
            for (long ic = 0; ic < m; ic += mc) {
                const long mcur = std::min(mc, m - ic);
                pack_lhs(lhs_panel, mcur, kcur, [&](long i, long p) { return a(ic + i, pc + p); });
                for (long jr = 0; jr < ncur; jr += nr) {
                    const float* bp = rhs_panel + jr * kcur;
                    const long cols = std::min(nr, ncur - jr);
                    for (long ir = 0; ir < mcur; ir += mr) {
                        const float* ap = lhs_panel + ir * kcur;
                        float* cp = c + (ic + ir) + (jc + jr) * ldc;
                        const long rows = std::min(mr, mcur - ir);
                        if (rows == mr && cols == nr) {
                            micro_kernel(kcur, ap, bp, cp, ldc, alpha, add);
                        } else {
                            micro_kernel(kcur, ap, bp, tile, mr, alpha, false);
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
