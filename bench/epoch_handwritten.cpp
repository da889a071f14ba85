// Hand-written Eigen in the end-to-end benchmark (epoch_common.hpp), in bench/handwritten.hpp's
// style for any depth of ReLU layers: run-time-size matrices (Eigen's GEMM blocks for the
// caches), W column-major (outputs × inputs), every product a GEMM with the transposes folded
// into it, no allocation in a step, the params, gradients and Adam moments each one flat
// vector that the layers map, and Adam written as exprnet's nn::adam (and torch.optim.Adam)
// computes it. The same initial weights (nn::initialize_matrix with each weight's name
// stream) and batch order as the other systems.
//
// "handwritten_2t_products" is the other way to use two cores (issue 18 asks for both to be
// measured): the same code with every product split across two threads by Eigen's own
// OpenMP-parallel GEMM (a fork and join per product; OpenMP keeps its threads between them),
// the elementwise work and Adam on one thread, as in exprnet's data_parallel. It exists when
// bench.epoch is built with OpenMP (bench/CMakeLists.txt).
#include "epoch_common.hpp"

#include <exprnet/nn/data.hpp>
#include <exprnet/nn/init.hpp>

#include <cstdio>

namespace {

using bench::epoch::task;
using Eigen::Index;
using Eigen::MatrixXf;
using Eigen::VectorXf;

template <task T, int ProductThreads = 1>
class handwritten_epoch {
public:
    explicit handwritten_epoch(const bench::epoch::dataset& data)
        : d_(data), sizes_(bench::epoch::info(T).sizes), order_(data.train_x.cols(), batch, bench::epoch::order_seed),
          total_(bench::epoch::epochs * order_.batches()) {
        Index n = 0;
        for (std::size_t l = 0; l + 1 < sizes_.size(); ++l) n += Index(sizes_[l + 1]) * (sizes_[l] + 1);
        params_ = VectorXf::Zero(n), grads_ = VectorXf::Zero(n), m_ = VectorXf::Zero(n), v_ = VectorXf::Zero(n);
        float* p = params_.data();
        float* g = grads_.data();
        for (std::size_t l = 0; l + 1 < sizes_.size(); ++l) {
            const int in = sizes_[l], out = sizes_[l + 1];
            W_.emplace_back(p, out, in), dW_.emplace_back(g, out, in);
            p += out * in, g += out * in;
            b_.emplace_back(p, out), db_.emplace_back(g, out);
            p += out, g += out;
            char name[32];
            std::snprintf(name, sizeof name, "W%d", int(l + 1));  // W1, W2, ...: the params' names elsewhere
            exprnet::nn::initialize_matrix(W_.back(), exprnet::nn::he_normal, bench::epoch::init_seed,
                                           exprnet::nn::name_stream(name));
            H_.emplace_back(in, batch);
            Z_.emplace_back(out, batch);
            dZ_.emplace_back(out, batch);
        }
        y_.resize(sizes_.back(), batch);
    }

    void epoch(long e) {
#ifdef _OPENMP
        Eigen::setNbThreads(ProductThreads);  // global: each system sets its own
#endif
        order_.shuffle(e);
        for (long b = 0; b < order_.batches(); ++b) {
            const auto index = order_.batch(b);
            exprnet::nn::gather_columns(d_.train_x, index, H_[0]);
            exprnet::nn::gather_one_hot(d_.train_labels, index, y_);
            benchmark::DoNotOptimize(step());
            adam(bench::epoch::cosine_rate(step_++, total_));
        }
    }

    double test_accuracy() {
        MatrixXf h = d_.test_x;
        for (std::size_t l = 0; l < W_.size(); ++l) {
            MatrixXf z = (W_[l] * h).colwise() + VectorXf(b_[l]);
            h = l + 1 < W_.size() ? MatrixXf(z.cwiseMax(0.0f)) : z;
        }
        return bench::epoch::accuracy(h, d_.test_labels);
    }

private:
    static constexpr int batch = bench::epoch::batch;

    /// Forward, softmax cross-entropy (mean), backward into the gradients; returns the loss.
    float step() {
        const std::size_t L = W_.size();
        for (std::size_t l = 0; l < L; ++l) {
            Z_[l].noalias() = W_[l] * H_[l];
            Z_[l].colwise() += b_[l];
            if (l + 1 < L) H_[l + 1] = Z_[l].cwiseMax(0.0f);
        }
        // dZ = (softmax(Z) - y) / batch, the loss from the same exponentials.
        MatrixXf& dz = dZ_[L - 1];
        float loss = 0;
        for (Index j = 0; j < batch; ++j) {
            const float top = Z_[L - 1].col(j).maxCoeff();
            dz.col(j) = (Z_[L - 1].col(j).array() - top).exp().matrix();
            const float sum = dz.col(j).sum();
            Index label = 0;
            y_.col(j).maxCoeff(&label);
            loss += std::log(sum) - (Z_[L - 1](label, j) - top);
            dz.col(j) = (dz.col(j) / sum - y_.col(j)) / float(batch);
        }
        for (std::size_t l = L; l-- > 0;) {
            dW_[l].noalias() = dZ_[l] * H_[l].transpose();
            db_[l] = dZ_[l].rowwise().sum();
            if (l > 0) {
                dZ_[l - 1].noalias() = W_[l].transpose() * dZ_[l];
                dZ_[l - 1] = (Z_[l - 1].array() > 0.0f).select(dZ_[l - 1], 0.0f);
            }
        }
        return loss / float(batch);
    }

    void adam(double rate) {
        ++t_;
        pow1_ *= 0.9, pow2_ *= 0.999;
        const float step_size = float(rate / (1 - pow1_)), root = float(std::sqrt(1 - pow2_));
        m_.array() = 0.9f * m_.array() + 0.1f * grads_.array();
        v_.array() = 0.999f * v_.array() + (1.0f - 0.999f) * grads_.array().square();
        params_.array() -= step_size * m_.array() / (v_.array().sqrt() / root + 1e-8f);
    }

    const bench::epoch::dataset& d_;
    std::vector<int> sizes_;
    exprnet::nn::batch_order order_;
    long total_, step_ = 0, t_ = 0;
    double pow1_ = 1, pow2_ = 1;
    VectorXf params_, grads_, m_, v_;
    std::vector<Eigen::Map<MatrixXf>> W_, dW_;
    std::vector<Eigen::Map<VectorXf>> b_, db_;
    std::vector<MatrixXf> H_, Z_, dZ_;
    MatrixXf y_;
};

}  // namespace

BENCH_EPOCH(task::fashion, "handwritten", handwritten_epoch<task::fashion>);
BENCH_EPOCH(task::cifar, "handwritten", handwritten_epoch<task::cifar>);
#ifdef _OPENMP
BENCH_EPOCH(task::fashion, "handwritten_2t_products", handwritten_epoch<task::fashion, 2>);
BENCH_EPOCH(task::cifar, "handwritten_2t_products", handwritten_epoch<task::cifar, 2>);
#endif
