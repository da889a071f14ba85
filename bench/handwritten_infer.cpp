// Hand-written Eigen, mlp_784_100_10_infer (see handwritten.hpp). "handwritten" is the
// fastest variant measured; the others are kept to show what the choice was made against.
// The winner depends on the core: on an AVX-512 Xeon the 100 dot products of W1 (lazyProduct,
// "handwritten_lazy_lazy") won; on the AVX2 EPYC Eigen's row-major GEMV for both layers does.
//
// The GEMV variants make g++ 12 at -O3 report -Waggressive-loop-optimizations inside Eigen's
// GEMV ("iteration 4611686018427387903 invokes undefined behavior", Eigen/src/Core/util/
// BlasUtil.h), a false positive about sizes that cannot occur; silenced for this file only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Waggressive-loop-optimizations"
#endif
#include "handwritten.hpp"

using bench::workload;
using namespace bench::hw;

// <I, W1 order, W1 lazyProduct, W2 order, W2 lazyProduct, fixed-size maps>
BENCH_INFER(workload::mnist_infer, "handwritten", two_layer_infer<784, RowMajor, false, RowMajor, false, true>);
BENCH_INFER(workload::mnist_infer, "handwritten_dynamic", two_layer_infer<784, RowMajor, false, RowMajor, false, false>);
BENCH_INFER(workload::mnist_infer, "handwritten_w2_lazy", two_layer_infer<784, RowMajor, false, ColMajor, true, true>);
BENCH_INFER(workload::mnist_infer, "handwritten_lazy_lazy", two_layer_infer<784, RowMajor, true, ColMajor, true, true>);
BENCH_INFER(workload::mnist_infer, "handwritten_colmajor_gemv", two_layer_infer<784, ColMajor, false, ColMajor, true, true>);
BENCH_INFER(workload::mnist_infer, "handwritten_colmajor_lazy", two_layer_infer<784, ColMajor, true, ColMajor, true, true>);

namespace {

/// mlp_784_100_10_infer_b256: Eigen's GEMM for both layers (run-time sizes, so that it blocks for
/// the caches), W1 column-major, the bias and ReLU in one pass, no allocation in a call.
struct two_layer_infer_b256 {
    Eigen::MatrixXf W1, W2, x, h, out;
    Eigen::VectorXf b1, b2;

    explicit two_layer_infer_b256(const bench::problem& d)
        : W1(d.W[0]), W2(d.W[1]), x(d.x), h(100, d.x.cols()), out(10, d.x.cols()), b1(d.b[0]), b2(d.b[1]) {}
    void forward() {
        h.noalias() = W1 * x;
        h = (h.colwise() + b1).cwiseMax(0.0f);
        out.noalias() = W2 * h;
        out.colwise() += b2;
        benchmark::DoNotOptimize(out.data());
    }
    Eigen::MatrixXf output() const { return out; }
};

}  // namespace

BENCH_INFER(workload::mnist_infer_b256, "handwritten", two_layer_infer_b256);
