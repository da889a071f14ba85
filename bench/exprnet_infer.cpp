// exprnet, inference workloads: the forward program of each net, batch<1> (and batch<256>), on a params arena
// filled with the workload's weights. A call binds the input by name and returns a map of
// the output in the program's workspace.
#include "common.hpp"
#include "exprnet_nets.hpp"

#include <exprnet/eval/data_parallel.hpp>

namespace {

using bench::workload;
namespace tiny = bench::nets::tiny;
using mnist = bench::nets::two_layer<784>;

struct tiny_infer {
    exprnet::params_for<decltype(tiny::scores)> p;
    decltype(exprnet::compile(tiny::scores)) infer;
    Eigen::Matrix<float, 2, 1> x;

    explicit tiny_infer(const bench::problem& d) : x(d.x) {
        p.set_zero();
        p[tiny::W1] = d.W[0], p[tiny::b1] = d.b[0];
        p[tiny::W2] = d.W[1], p[tiny::b2] = d.b[1];
        p[tiny::W3] = d.W[2], p[tiny::b3] = d.b[2];
    }
    void forward() { benchmark::DoNotOptimize(infer(p, tiny::x = x).data()); }
    Eigen::MatrixXf output() { return infer(p, tiny::x = x); }
};

struct mnist_infer {
    exprnet::params_for<decltype(mnist::scores)> p;
    decltype(exprnet::compile(mnist::scores)) infer;
    Eigen::VectorXf x;

    explicit mnist_infer(const bench::problem& d) : x(d.x) {
        p.set_zero();
        p[mnist::W1] = d.W[0], p[mnist::b1] = d.b[0];
        p[mnist::W2] = d.W[1], p[mnist::b2] = d.b[1];
    }
    void forward() { benchmark::DoNotOptimize(infer(p, mnist::x = x).data()); }
    Eigen::MatrixXf output() { return infer(p, mnist::x = x); }
};

/// batch<256>: one program on one thread ("exprnet"), or two parts of 128 on two threads
/// (data_parallel, "exprnet_2t", run unpinned by scripts/bench.sh).
template <class Infer>
struct mnist_infer_b256 {
    exprnet::params_for<decltype(mnist::scores)> p;
    Infer infer;
    Eigen::MatrixXf x;

    explicit mnist_infer_b256(const bench::problem& d) : x(d.x) {
        p.set_zero();
        p[mnist::W1] = d.W[0], p[mnist::b1] = d.b[0];
        p[mnist::W2] = d.W[1], p[mnist::b2] = d.b[1];
    }
    void forward() { benchmark::DoNotOptimize(infer(p, mnist::x = x).data()); }
    Eigen::MatrixXf output() { return infer(p, mnist::x = x); }
};
using b256_one = decltype(exprnet::compile<exprnet::batch<256>>(mnist::scores));
using b256_two = exprnet::data_parallel<2, decltype(exprnet::compile<exprnet::batch<128>>(mnist::scores))>;

}  // namespace

BENCH_INFER(workload::tiny_infer, "exprnet", tiny_infer);
BENCH_INFER(workload::mnist_infer, "exprnet", mnist_infer);
BENCH_INFER(workload::mnist_infer_b256, "exprnet", mnist_infer_b256<b256_one>);
BENCH_INFER(workload::mnist_infer_b256, "exprnet_2t", mnist_infer_b256<b256_two>);
