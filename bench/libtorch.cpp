// libtorch (Debian's libtorch-dev, CPU, on the system BLAS: OpenBLAS when libopenblas-dev is
// installed), the code a PyTorch user would write in C++, through ATen: linear layers (weights
// out × in, as nn::Linear stores them), tanh or relu, cross-entropy (mean over the batch);
// training by autograd, then plain SGD on every param under NoGradGuard, the gradients reset
// to none before the next step (PyTorch's zero_grad(set_to_none=True)). One intra-op thread.
// The input is a batch × features tensor, which is exactly the memory of the column-major
// features × batch Eigen matrix; a single sample for inference is a vector and its layers use
// addmv (at::linear would run a 1-row GEMM that repacks the weights at every call: 3× slower
// on the 784-100-10 net). Built only when CMake finds Torch.
#include "common.hpp"

// ATen and the autograd entry points only: <torch/torch.h> (the whole C++ frontend) took 11 s
// to compile here with g++ -O1 -g1.
#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <ATen/core/grad_mode.h>
#include <c10/core/InferenceMode.h>

namespace {

using bench::activation;
using bench::workload;

at::Tensor tensor_of(const Eigen::MatrixXf& m, bool transpose) {
    // Row-major tensor of m (rows × cols) or of mᵀ.
    const auto rows = transpose ? m.cols() : m.rows(), cols = transpose ? m.rows() : m.cols();
    at::Tensor t = at::empty({rows, cols}, at::kFloat);
    using rowmajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    Eigen::Map<rowmajor> dst(t.data_ptr<float>(), rows, cols);
    if (transpose) dst = m.transpose();
    else dst = m;
    return t;
}

Eigen::MatrixXf matrix_of(const at::Tensor& t) {
    const at::Tensor c = t.detach().contiguous();
    using rowmajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    const auto rows = c.size(0), cols = c.dim() == 1 ? 1 : c.size(1);
    return Eigen::Map<const rowmajor>(c.data_ptr<float>(), rows, cols);
}

struct torch_net {
    std::vector<at::Tensor> W, b;
    at::Tensor x, labels;
    activation hidden;

    explicit torch_net(const bench::problem& d, activation act, bool train) : hidden(act) {
        at::set_num_threads(1);
        for (std::size_t l = 0; l < d.W.size(); ++l) {
            W.push_back(tensor_of(d.W[l], false).requires_grad_(train));
            b.push_back(tensor_of(d.b[l], true).reshape({-1}).requires_grad_(train));
        }
        x = tensor_of(d.x, true);
        if (!train && d.x.cols() == 1) x = x.reshape({-1});
        labels = at::empty({long(d.labels.size())}, at::kLong);
        for (std::size_t j = 0; j < d.labels.size(); ++j) labels[long(j)] = long(d.labels[j]);
    }
    at::Tensor scores() {
        at::Tensor h = x;
        for (std::size_t l = 0; l < W.size(); ++l) {
            h = h.dim() == 1 ? at::addmv(b[l], W[l], h) : at::linear(h, W[l], b[l]);
            if (l + 1 < W.size()) h = hidden == activation::tanh ? at::tanh(h) : at::relu(h);
        }
        return h;
    }
};

template <workload W, int Threads = 1>
struct torch_infer {
    torch_net net;
    at::Tensor out;
    explicit torch_infer(const bench::problem& d) : net(d, bench::info(W).hidden, false) { at::set_num_threads(Threads); }
    void forward() {
        c10::InferenceMode guard;
        out = net.scores();
    }
    Eigen::MatrixXf output() const {
        const Eigen::MatrixXf m = matrix_of(out);
        return out.dim() == 1 ? m : Eigen::MatrixXf(m.transpose());
    }
};

template <workload W>
struct torch_train {
    torch_net net;
    explicit torch_train(const bench::problem& d) : net(d, bench::info(W).hidden, true) {}
    float step(float lr) {
        for (auto* list : {&net.W, &net.b})
            for (at::Tensor& p : *list) p.mutable_grad().reset();
        at::Tensor loss = at::cross_entropy_loss(net.scores(), net.labels);
        loss.backward();
        {
            at::NoGradGuard no_grad;
            for (auto* list : {&net.W, &net.b})
                for (at::Tensor& p : *list) p.sub_(p.grad(), lr);
        }
        return loss.item<float>();
    }
    std::vector<Eigen::MatrixXf> weights() const {
        std::vector<Eigen::MatrixXf> out;
        for (const at::Tensor& w : net.W) out.push_back(matrix_of(w));
        return out;
    }
    std::vector<Eigen::VectorXf> biases() const {
        std::vector<Eigen::VectorXf> out;
        for (const at::Tensor& v : net.b) out.push_back(matrix_of(v));
        return out;
    }
};

}  // namespace

BENCH_INFER(workload::tiny_infer, "libtorch", torch_infer<workload::tiny_infer>);
BENCH_INFER(workload::mnist_infer, "libtorch", torch_infer<workload::mnist_infer>);
BENCH_INFER(workload::mnist_infer_b256, "libtorch", torch_infer<workload::mnist_infer_b256>);
// Two intra-op threads (run unpinned by scripts/bench.sh, as every "_2t" system).
BENCH_INFER(workload::mnist_infer_b256, "libtorch_2t", torch_infer<workload::mnist_infer_b256, 2>);
BENCH_TRAIN(workload::mnist_train_b64, "libtorch", torch_train<workload::mnist_train_b64>);
BENCH_TRAIN(workload::tiny_train, "libtorch", torch_train<workload::tiny_train>);
BENCH_TRAIN(workload::cifar_train_b64, "libtorch", torch_train<workload::cifar_train_b64>);
