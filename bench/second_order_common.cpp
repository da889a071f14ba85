// The second-order benchmarks' shared part (see second_order.hpp): the direction, the double
// reference (the R-op of 784 → 100 relu → 10 with softmax cross-entropy written by hand, products
// as lazyProduct so that it shares no kernel with the systems), its finite-difference check, the
// checks, the allocation counter and the registration helper.
#include "second_order.hpp"

#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

// Every heap allocation of the process goes through malloc (libstdc++'s operator new calls it,
// and so does Eigen's aligned_malloc), calloc, realloc or the aligned allocators: this binary
// interposes them to count, then forwards to glibc's own. Not under AddressSanitizer, which
// interposes them itself (allocations() is then -1 and the harness skips that check).
#if defined(__SANITIZE_ADDRESS__)
#define BENCH_COUNT_ALLOCATIONS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BENCH_COUNT_ALLOCATIONS 0
#endif
#endif
#ifndef BENCH_COUNT_ALLOCATIONS
#define BENCH_COUNT_ALLOCATIONS 1
#endif

#if BENCH_COUNT_ALLOCATIONS
extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void* __libc_memalign(std::size_t, std::size_t);
}

namespace {
std::atomic<long> allocation_count{0};
}

extern "C" {
void* malloc(std::size_t n) {
    allocation_count.fetch_add(1, std::memory_order_relaxed);
    return __libc_malloc(n);
}
void* calloc(std::size_t n, std::size_t size) {
    allocation_count.fetch_add(1, std::memory_order_relaxed);
    return __libc_calloc(n, size);
}
void* realloc(void* p, std::size_t n) {
    allocation_count.fetch_add(1, std::memory_order_relaxed);
    return __libc_realloc(p, n);
}
void* aligned_alloc(std::size_t alignment, std::size_t n) {
    allocation_count.fetch_add(1, std::memory_order_relaxed);
    return __libc_memalign(alignment, n);
}
int posix_memalign(void** out, std::size_t alignment, std::size_t n) {
    allocation_count.fetch_add(1, std::memory_order_relaxed);
    void* p = __libc_memalign(alignment, n);
    if (!p) return 12;  // ENOMEM
    *out = p;
    return 0;
}
}
#endif  // BENCH_COUNT_ALLOCATIONS

namespace bench::second_order {

namespace {

using matd = Eigen::MatrixXd;

// splitmix64, as in common.cpp.
class rng {
public:
    explicit rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 40) * 0x1.0p-23 - 1.0; }

private:
    std::uint64_t state_;
};

direction_data make_direction() {
    const problem& d = data(base);
    rng r(0x646972656374696fULL);  // "directio"
    direction_data v;
    for (std::size_t l = 0; l < d.W.size(); ++l) {
        const Eigen::Index out = d.W[l].rows(), in = d.W[l].cols();
        const double scale = 1.0 / std::sqrt(double(in));
        Eigen::MatrixXf V(out, in);
        for (Eigen::Index j = 0; j < in; ++j)
            for (Eigen::Index i = 0; i < out; ++i) V(i, j) = float(scale * r.uniform());
        Eigen::VectorXf vb(out);
        for (Eigen::Index i = 0; i < out; ++i) vb(i) = float(0.1 * r.uniform());
        v.V.push_back(std::move(V));
        v.vb.push_back(std::move(vb));
    }
    return v;
}

struct params_d {
    matd W1, b1, W2, b2;
};

struct reference_result {
    double loss = 0, dot = 0;
    std::vector<matd> grad, hv;  // W1, b1, W2, b2
    matd jv;                     // 10 × batch
    std::string failure;         // the finite-difference check's verdict, empty if it passed
};

struct pass {
    double loss = 0;
    matd scores;
    std::vector<matd> grad, hv;
    matd jv;
};

/// Loss, gradient, and (with v) the R-op: the tangents along v of the scores and of the gradient.
pass evaluate(const params_d& p, const params_d* v, const matd& X, const matd& Y) {
    pass out;
    const double n = double(X.cols());
    matd Z = p.W1.lazyProduct(X);
    Z.colwise() += p.b1.col(0);
    const matd mask = (Z.array() > 0).cast<double>();
    const matd H = Z.cwiseMax(0.0);
    matd S = p.W2.lazyProduct(H);
    S.colwise() += p.b2.col(0);
    out.scores = S;
    matd P(S.rows(), S.cols());
    for (Eigen::Index j = 0; j < S.cols(); ++j) {
        const double top = S.col(j).maxCoeff();
        const Eigen::VectorXd e = (S.col(j).array() - top).exp();
        const double total = e.sum();
        out.loss += (top + std::log(total) - Y.col(j).dot(S.col(j))) / n;
        P.col(j) = e / total;
    }
    const matd DS = (P - Y) / n;
    const matd DZ = p.W2.transpose().lazyProduct(DS).cwiseProduct(mask);
    out.grad = {DZ.lazyProduct(X.transpose()), DZ.rowwise().sum(), DS.lazyProduct(H.transpose()), DS.rowwise().sum()};
    if (!v) return out;
    // Forward tangents.
    matd RZ = v->W1.lazyProduct(X);
    RZ.colwise() += v->b1.col(0);
    const matd RH = RZ.cwiseProduct(mask);
    matd RS = v->W2.lazyProduct(H) + p.W2.lazyProduct(RH);
    RS.colwise() += v->b2.col(0);
    out.jv = RS;
    // Tangent of dL/dS = (softmax(S) - Y) / n: softmax's Jacobian, P ⊙ (RS - colsum(P ⊙ RS)).
    const Eigen::RowVectorXd c = P.cwiseProduct(RS).colwise().sum();
    const matd RDS = P.cwiseProduct(RS - c.replicate(RS.rows(), 1)) / n;
    // Tangent of the backward pass.
    const matd RDZ = (v->W2.transpose().lazyProduct(DS) + p.W2.transpose().lazyProduct(RDS)).cwiseProduct(mask);
    out.hv = {RDZ.lazyProduct(X.transpose()), RDZ.rowwise().sum(),
              matd(RDS.lazyProduct(H.transpose()) + DS.lazyProduct(RH.transpose())), RDS.rowwise().sum()};
    return out;
}

double rel(const matd& a, const matd& b) {
    const double den = b.norm(), num = (a - b).norm();
    if (!std::isfinite(num)) return HUGE_VAL;
    return den > 0 ? num / den : num;
}

double rel(const std::vector<matd>& a, const std::vector<matd>& b) {
    double num = 0, den = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        num += (a[i] - b[i]).squaredNorm();
        den += b[i].squaredNorm();
    }
    if (!std::isfinite(num)) return HUGE_VAL;
    return den > 0 ? std::sqrt(num / den) : std::sqrt(num);
}

reference_result compute_reference() {
    const problem& d = data(base);
    const direction_data& dir = direction();
    const params_d p{d.W[0].cast<double>(), d.b[0].cast<double>(), d.W[1].cast<double>(), d.b[1].cast<double>()};
    const params_d v{dir.V[0].cast<double>(), dir.vb[0].cast<double>(), dir.V[1].cast<double>(), dir.vb[1].cast<double>()};
    const matd X = d.x.cast<double>(), Y = d.y.cast<double>();
    pass at = evaluate(p, &v, X, Y);
    reference_result r;
    r.loss = at.loss;
    r.grad = at.grad;
    r.hv = at.hv;
    r.jv = at.jv;
    r.dot = 0;
    const matd* vs[] = {&v.W1, &v.b1, &v.W2, &v.b2};
    for (int i = 0; i < 4; ++i) r.dot += r.grad[std::size_t(i)].cwiseProduct(*vs[i]).sum();

    // The hand-derived tangents against central differences of the gradient and the scores
    // along v (a step small enough that no relu input crosses zero on this data).
    const double eps = 1e-7;
    auto moved = [&](double t) {
        return params_d{p.W1 + t * v.W1, p.b1 + t * v.b1, p.W2 + t * v.W2, p.b2 + t * v.b2};
    };
    const pass plus = evaluate(moved(eps), nullptr, X, Y), minus = evaluate(moved(-eps), nullptr, X, Y);
    std::vector<matd> fd_hv;
    for (std::size_t i = 0; i < 4; ++i) fd_hv.push_back((plus.grad[i] - minus.grad[i]) / (2 * eps));
    const matd fd_jv = (plus.scores - minus.scores) / (2 * eps);
    const double e_hv = rel(r.hv, fd_hv), e_jv = rel(r.jv, fd_jv);
    std::printf("second_order: double reference: loss %.9f, vᵀ∇L %.9f; against central differences: H·v %.1e, J·v %.1e\n",
                r.loss, r.dot, e_hv, e_jv);
    if (!(e_hv <= 1e-6 && e_jv <= 1e-6)) {
        char buf[200];
        std::snprintf(buf, sizeof buf, "the double reference fails its finite-difference check (H·v %.1e, J·v %.1e)",
                      e_hv, e_jv);
        r.failure = buf;
    }
    return r;
}

const reference_result& reference() {
    static const reference_result r = compute_reference();
    return r;
}

std::vector<matd> widen(const std::vector<Eigen::MatrixXf>& xs) {
    std::vector<matd> out;
    for (const auto& x : xs) out.push_back(x.cast<double>());
    return out;
}

std::string describe(const char* what, double err) {
    char buf[200];
    std::snprintf(buf, sizeof buf, "%s differs from the double reference: relative error %.2e (tolerance %.0e)", what,
                  err, tolerance);
    return buf;
}

}  // namespace

const direction_data& direction() {
    static const direction_data v = make_direction();
    return v;
}

long allocations() {
#if BENCH_COUNT_ALLOCATIONS
    return allocation_count.load(std::memory_order_relaxed);
#else
    return -1;
#endif
}

double rel_err(const std::vector<Eigen::MatrixXf>& a, const std::vector<Eigen::MatrixXf>& b) {
    if (a.size() != b.size()) return HUGE_VAL;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].rows() != b[i].rows() || a[i].cols() != b[i].cols()) return HUGE_VAL;
    return rel(widen(a), widen(b));
}

std::string check(kind k, returns what, float value, const std::vector<Eigen::MatrixXf>& result, double& err) {
    const reference_result& r = reference();
    if (!r.failure.empty()) return r.failure;
    const std::vector<matd> got = widen(result);
    const std::vector<matd>& want = k == kind::grad ? r.grad : k == kind::hvp ? r.hv : std::vector<matd>{r.jv};
    if (got.size() != want.size()) return "the system returned the wrong number of blocks";
    for (std::size_t i = 0; i < got.size(); ++i)
        if (got[i].rows() != want[i].rows() || got[i].cols() != want[i].cols())
            return "block " + std::to_string(i) + " has the wrong shape";
    err = rel(got, want);
    const char* names[] = {"the gradient", "H·v", "the Jacobian-vector product"};
    if (!(err <= tolerance)) return describe(names[int(k)], err);
    if (what != returns::nothing) {
        const double want_value = what == returns::loss ? r.loss : r.dot;
        const double e = std::abs(double(value) - want_value) / std::abs(want_value);
        if (!(e <= tolerance)) return describe(what == returns::loss ? "the loss" : "the value vᵀ∇L", e);
        err = std::max(err, e);
    }
    return {};
}

const char* name(kind k) {
    static const char* const names[] = {"mlp_784_100_10_grad_b64", "mlp_784_100_10_hvp_b64", "mlp_784_100_10_jvp_b64"};
    return names[int(k)];
}

void add(kind k, const std::string& system, void (*fn)(benchmark::State&)) {
    benchmark::RegisterBenchmark((std::string(name(k)) + "/" + system).c_str(), fn);
}

}  // namespace bench::second_order
