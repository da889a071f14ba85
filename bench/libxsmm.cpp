// LIBXSMM (Debian libxsmm-dev 1.17: headers in /usr/include, the static libxsmm.a, pkg-config
// libxsmm), the reference library for small fixed-shape GEMMs, on the products of
// gemm_products.cpp (which does the checking, timing and registration). Built only when CMake
// finds it; the only TU that includes <libxsmm.h>.
//
//   libxsmm        the JIT kernel of libxsmm_smmdispatch, generated once outside the timed loop:
//                  C = A B with alpha = 1 and beta = 0 (1.17 JITs alpha = 1 only and beta 0 or 1),
//                  no prefetch. A row-major B is LIBXSMM_GEMM_FLAG_TRANS_B. A row-major A would be
//                  LIBXSMM_GEMM_FLAG_TRANS_A, for which 1.17 has no kernel (LIBXSMM_GEMM_NO_BYPASS
//                  in libxsmm_generator.h refuses it; the dispatch returns NULL, which is checked
//                  here every time). For a matrix times a vector (n = 1) the transposed product
//                  cᵀ = bᵀ Aᵀ is legal (bᵀ is a 1 × k matrix, Aᵀ the column-major k × m matrix that
//                  A's row-major storage is) and runs without a copy. Otherwise no formulation with a
//                  column-major C avoids a copy (Cᵀ = Bᵀ Aᵀ needs a transposed first operand too),
//                  so each call transposes A with libxsmm_otrans into a buffer, then runs the
//                  kernel, the copy inside the time.
//   libxsmm_sgemm  libxsmm_sgemm, the BLAS-like call (transa 'T' for a row-major A): it uses a JIT
//                  kernel only if m n k <= LIBXSMM_MAX_MNK (262144 in Debian's build) and the
//                  dispatch succeeds, else it calls the linked BLAS's sgemm_ (LIBXSMM_XGEMM in
//                  libxsmm_frontend.h). The label says which, from the same two tests.
#include <libxsmm.h>

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

namespace bench::gemm {

// As declared in gemm_products.cpp.
using run_fn = void (*)(void* ctx, const float* a, const float* b, float* c);
using prepare_fn = run_fn (*)(int m, int n, int k, bool a_row_major, bool b_row_major, void*& ctx, std::string& label);
using release_fn = void (*)(void* ctx);
void add_system(const char* system, prepare_fn prepare, release_fn release);

}  // namespace bench::gemm

namespace {

using bench::gemm::run_fn;

constexpr int prefetch_none = LIBXSMM_GEMM_PREFETCH_NONE;

libxsmm_smmfunction dispatch(int m, int n, int k, libxsmm_blasint lda, libxsmm_blasint ldb, int flags,
                             const int* prefetch) {
    const float alpha = 1, beta = 0;
    const libxsmm_blasint ldc = m;
    return libxsmm_smmdispatch(m, n, k, &lda, &ldb, &ldc, &alpha, &beta, &flags, prefetch);
}

std::string code_size(libxsmm_smmfunction kernel) {
    libxsmm_kernel_info info{};
    if (libxsmm_get_kernel_info(reinterpret_cast<const void*>(kernel), &info) != EXIT_SUCCESS) return "";
    char buf[48];
    std::snprintf(buf, sizeof buf, ", %zu bytes of code", info.code_size);
    return buf;
}

// ---------------------------------------------------------------------------------------------
// libxsmm: the JIT kernel.

struct aligned_free {
    void operator()(float* p) const { std::free(p); }
};

struct jit {
    libxsmm_smmfunction kernel = nullptr;
    libxsmm_blasint m = 0, k = 0;
    // A transposed to column-major, when the kernel cannot read it row-major; 64-byte aligned, as
    // gemm_products.cpp allocates the operands.
    std::unique_ptr<float[], aligned_free> a_t;
};

void run_kernel(void* ctx, const float* a, const float* b, float* c) { static_cast<const jit*>(ctx)->kernel(a, b, c); }

void run_swapped(void* ctx, const float* a, const float* b, float* c) { static_cast<const jit*>(ctx)->kernel(b, a, c); }

void run_transposed(void* ctx, const float* a, const float* b, float* c) {
    auto& j = *static_cast<jit*>(ctx);
    // A (m × k, row-major) is a column-major k × m matrix: its transpose is A, column-major.
    libxsmm_otrans(j.a_t.get(), a, sizeof(float), j.k, j.m, j.k, j.m);
    j.kernel(j.a_t.get(), b, c);
}

run_fn prepare_jit(int m, int n, int k, bool a_row, bool b_row, void*& ctx, std::string& label) {
    const int b_flag = b_row ? LIBXSMM_GEMM_FLAG_TRANS_B : LIBXSMM_GEMM_FLAG_NONE;
    const libxsmm_blasint ldb = b_row ? n : k;
    const char* const b_text = b_row ? "B transposed (LIBXSMM_GEMM_FLAG_TRANS_B)" : "nn";
    auto j = std::make_unique<jit>();
    j->m = m;
    j->k = k;
    if (a_row) {
        j->kernel = dispatch(m, n, k, k, ldb, b_flag | LIBXSMM_GEMM_FLAG_TRANS_A, &prefetch_none);
        if (j->kernel != nullptr) {
            label = std::string("JIT kernel, A transposed (LIBXSMM_GEMM_FLAG_TRANS_A)") + code_size(j->kernel);
            ctx = j.release();
            return &run_kernel;
        }
        if (n == 1 && !b_row) {
            // A matrix times a vector: the transposed product cᵀ = bᵀ Aᵀ (1 × m) is legal, bᵀ a
            // 1 × k matrix (lda 1), Aᵀ the column-major k × m matrix A's row-major storage is,
            // and cᵀ has c's memory.
            j->kernel = dispatch(1, m, k, 1, k, LIBXSMM_GEMM_FLAG_NONE, &prefetch_none);
            if (j->kernel != nullptr) {
                label = std::string("JIT kernel of the transposed product: c^T = b^T A^T, 1 x m (no JIT kernel for "
                                    "LIBXSMM_GEMM_FLAG_TRANS_A)") + code_size(j->kernel);
                ctx = j.release();
                return &run_swapped;
            }
        }
    }
    j->kernel = dispatch(m, n, k, m, ldb, b_flag, &prefetch_none);
    if (j->kernel == nullptr) {
        label = "libxsmm_smmdispatch returned no kernel";
        return nullptr;
    }
    label = std::string(a_row ? "libxsmm_otrans of A (no JIT kernel for LIBXSMM_GEMM_FLAG_TRANS_A), then JIT kernel, " : "JIT kernel, ")
            + b_text + code_size(j->kernel);
    if (a_row) {
        const std::size_t bytes = (std::size_t(m) * std::size_t(k) * sizeof(float) + 63) / 64 * 64;
        j->a_t.reset(static_cast<float*>(std::aligned_alloc(64, bytes)));
    }
    ctx = j.release();
    return a_row ? &run_transposed : &run_kernel;
}

void release_jit(void* ctx) { delete static_cast<jit*>(ctx); }

// ---------------------------------------------------------------------------------------------
// libxsmm_sgemm.

struct sgemm_args {
    char transa, transb;
    libxsmm_blasint m, n, k, lda, ldb, ldc;
};

void run_sgemm(void* ctx, const float* a, const float* b, float* c) {
    const auto& s = *static_cast<const sgemm_args*>(ctx);
    const float alpha = 1, beta = 0;
    libxsmm_sgemm(&s.transa, &s.transb, &s.m, &s.n, &s.k, &alpha, a, &s.lda, b, &s.ldb, &beta, c, &s.ldc);
}

run_fn prepare_sgemm(int m, int n, int k, bool a_row, bool b_row, void*& ctx, std::string& label) {
    const sgemm_args s{a_row ? 'T' : 'N', b_row ? 'T' : 'N', m, n, k, a_row ? k : m, b_row ? n : k, m};
    // libxsmm_sgemm's own decision (LIBXSMM_XGEMM): the size threshold, then the dispatch (with
    // its default prefetch, as it asks).
    const bool small = std::size_t(m) * std::size_t(n) * std::size_t(k) <= std::size_t(LIBXSMM_MAX_MNK);
    const int flags = (a_row ? LIBXSMM_GEMM_FLAG_TRANS_A : 0) | (b_row ? LIBXSMM_GEMM_FLAG_TRANS_B : 0);
    const libxsmm_smmfunction kernel = small ? dispatch(m, n, k, s.lda, s.ldb, flags, nullptr) : nullptr;
    char buf[160];
    if (kernel != nullptr)
        std::snprintf(buf, sizeof buf, "JIT kernel (m*n*k <= LIBXSMM_MAX_MNK = %d)", int(LIBXSMM_MAX_MNK));
    else if (small)
        std::snprintf(buf, sizeof buf, "BLAS fallback (sgemm_): no JIT kernel for a transposed A");
    else
        std::snprintf(buf, sizeof buf, "BLAS fallback (sgemm_): m*n*k > LIBXSMM_MAX_MNK = %d", int(LIBXSMM_MAX_MNK));
    label = buf;
    ctx = new sgemm_args(s);
    return &run_sgemm;
}

void release_sgemm(void* ctx) { delete static_cast<sgemm_args*>(ctx); }

const bool registered = (bench::gemm::add_system("libxsmm", &prepare_jit, &release_jit),
                         bench::gemm::add_system("libxsmm_sgemm", &prepare_sgemm, &release_sgemm), true);

}  // namespace
