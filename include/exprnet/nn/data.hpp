/// @file
/// Defines what a training loop needs around a program: `batch_order`, mini-batches of sample
/// indices reshuffled every epoch (reproducibly, nn/random.hpp); `gather_columns`, which copies
/// a batch's samples (columns) into the matrices bound to a program's inputs; `one_hot`; and
/// `argmax_columns` and `accuracy` for classifiers whose scores have one column per sample.
/// Evaluation: these run between program calls; batch_order allocates its permutation once.
#pragma once

#include <exprnet/core/assert.hpp>
#include <exprnet/core/parallel_for.hpp>
#include <exprnet/nn/random.hpp>

#include <Eigen/Core>

#include <cstdint>
#include <numeric>
#include <span>
#include <utility>
#include <vector>

namespace exprnet::nn {

/// A permutation of the n sample indices, cut into batches of `batch_size`; the last,
/// shorter batch is dropped unless keep_last (a batch<N> program needs exactly N columns).
class batch_order {
public:
    batch_order(long n, long batch_size, std::uint64_t seed, bool keep_last = false)
        : index_(std::size_t(n > 0 ? n : 0)), batch_size_(batch_size), seed_(seed), keep_last_(keep_last) {
        EXPRNET_ASSERT(batch_size > 0, "exprnet: nn::batch_order: the batch size must be positive");
        std::iota(index_.begin(), index_.end(), 0);
    }

    /// Reorders the samples for `epoch` by a Fisher-Yates shuffle of 0..n-1 with the stream
    /// of the epoch: the order depends on (seed, epoch) only, not on earlier calls.
    void shuffle(long epoch) {
        std::iota(index_.begin(), index_.end(), 0);
        const counter_rng rng{seed_};
        for (std::size_t i = index_.size(); i > 1; --i) {
            // j uniform in [0, i) up to a bias below i / 2⁶⁴, far below any effect on training.
            const auto j = std::size_t(rng.bits(std::uint64_t(epoch), i) % i);
            std::swap(index_[i - 1], index_[j]);
        }
    }

    long size() const noexcept { return long(index_.size()); }
    long batch_size() const noexcept { return batch_size_; }
    /// Batches per epoch.
    long batches() const noexcept {
        const long n = size();
        return keep_last_ ? (n + batch_size_ - 1) / batch_size_ : n / batch_size_;
    }
    /// The sample indices of batch b (0 ≤ b < batches()).
    std::span<const int> batch(long b) const noexcept {
        EXPRNET_ASSERT(b >= 0 && b < batches(), "exprnet: nn::batch_order::batch(b): b is out of range");
        const long begin = b * batch_size_;
        const long end = begin + batch_size_ < size() ? begin + batch_size_ : size();
        return {index_.data() + begin, std::size_t(end - begin)};
    }

private:
    std::vector<int> index_;
    long batch_size_;
    std::uint64_t seed_;
    bool keep_last_;
};

/// out.col(k) = source.col(index[k]) for every k; out must have index.size() columns.
/// `parallel_for` (core/parallel_for.hpp) shares the columns among threads, for instance a
/// data_parallel program's: `gather_columns(x, index, xb, train.parallel_for())`.
template <class Source, class Out, class ParallelFor = serial_for>
void gather_columns(const Eigen::MatrixBase<Source>& source, std::span<const int> index, Eigen::MatrixBase<Out>& out,
                    ParallelFor&& parallel_for = {}) {
    EXPRNET_ASSERT(out.rows() == source.rows() && out.cols() == Eigen::Index(index.size()),
                   "exprnet: nn::gather_columns: out must have the source's rows and one column per index");
    parallel_for(long(index.size()), [&](long begin, long end) {
        for (long k = begin; k < end; ++k) out.col(Eigen::Index(k)) = source.col(index[std::size_t(k)]);
    });
}
template <class Source, class Out, class ParallelFor = serial_for>
void gather_columns(const Eigen::MatrixBase<Source>& source, std::span<const int> index, Eigen::MatrixBase<Out>&& out,
                    ParallelFor&& parallel_for = {}) {
    gather_columns(source, index, out, parallel_for);
}

/// out.col(k) = the one-hot column of labels[index[k]] (classes = out.rows()).
template <class Out>
void gather_one_hot(std::span<const int> labels, std::span<const int> index, Eigen::MatrixBase<Out>& out) {
    EXPRNET_ASSERT(out.cols() == Eigen::Index(index.size()), "exprnet: nn::gather_one_hot: out must have one column per index");
    out.setZero();
    for (std::size_t k = 0; k < index.size(); ++k) {
        const int label = labels[std::size_t(index[k])];
        EXPRNET_ASSERT(label >= 0 && label < out.rows(), "exprnet: nn::gather_one_hot: a label is not below the number of rows");
        out(label, Eigen::Index(k)) = 1;
    }
}

/// The row of the largest score in each column (the first, on ties).
template <class Scores>
std::vector<int> argmax_columns(const Eigen::MatrixBase<Scores>& scores) {
    std::vector<int> out(std::size_t(scores.cols()));
    for (Eigen::Index c = 0; c < scores.cols(); ++c) {
        Eigen::Index row = 0;
        scores.col(c).maxCoeff(&row);
        out[std::size_t(c)] = int(row);
    }
    return out;
}

/// The fraction of columns whose largest score is in the row of their label.
template <class Scores>
double accuracy(const Eigen::MatrixBase<Scores>& scores, std::span<const int> labels) {
    EXPRNET_ASSERT(Eigen::Index(labels.size()) == scores.cols(), "exprnet: nn::accuracy: one label per column of scores");
    if (labels.empty()) return 0;
    long right = 0;
    for (Eigen::Index c = 0; c < scores.cols(); ++c) {
        Eigen::Index row = 0;
        scores.col(c).maxCoeff(&row);
        right += row == labels[std::size_t(c)];
    }
    return double(right) / double(labels.size());
}

}  // namespace exprnet::nn
