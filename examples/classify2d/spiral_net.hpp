// The classify2d network, 2 -> Hidden ReLU units -> 3 class scores, with softmax cross-entropy
// and L2 on the weights written in the loss, and its full-batch training with Adam. Reg is a
// compile-time constant node (e.g. 0.001_c): each (Hidden, Reg) pair is its own program.
#pragma once

#include "spiral.hpp"

#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace classify2d {

inline constexpr int classes = 3;
inline constexpr int points_per_class = 100;
inline constexpr int sample_count = classes * points_per_class;  // one full batch

template <int Hidden, auto Reg>
struct spiral_net {
    static constexpr int hidden = Hidden;
    static constexpr double reg = decltype(Reg)::value;

    static constexpr auto x = exprnet::input<"x", 2>;
    static constexpr auto y = exprnet::input<"y", classes>;
    static constexpr auto W1 = exprnet::param<"W1", Hidden, 2>;
    static constexpr auto b1 = exprnet::param<"b1", Hidden>;
    static constexpr auto W2 = exprnet::param<"W2", classes, Hidden>;
    static constexpr auto b2 = exprnet::param<"b2", classes>;
    static constexpr auto scores = W2 * relu(W1 * x + b1) + b2;
    // L2 as in CS231n's case study, 0.5 · reg · Σ w², whose gradient is reg · W.
    static constexpr auto loss = softmax_cross_entropy(scores, y) + exprnet::ratio_c<1, 2> * Reg * (sum_sq(W1) + sum_sq(W2));

    using params = exprnet::params_for<decltype(loss)>;
    using grads = exprnet::grads_for<decltype(loss)>;
};

struct training_options {
    int steps = 6000;
    double learning_rate = 0.01;
    std::uint64_t seed = 1;  // of the initial weights
};

/// A trained network: its parameters and its final full-batch loss.
template <class Net>
struct trained_net {
    typename Net::params p;
    double loss = 0;

    /// The class scores of each column of `points`, by a batch<100> forward program over
    /// blocks of 100 columns (the last block padded with zeros, whose scores are dropped).
    Eigen::Matrix<float, classes, Eigen::Dynamic> scores(const Eigen::Matrix<float, 2, Eigen::Dynamic>& points) const {
        constexpr int block = 100;
        static auto infer = exprnet::compile<exprnet::batch<block>>(Net::scores);
        Eigen::Matrix<float, classes, Eigen::Dynamic> out(classes, points.cols());
        Eigen::Matrix<float, 2, block> chunk;
        for (Eigen::Index at = 0; at < points.cols(); at += block) {
            const Eigen::Index n = std::min<Eigen::Index>(block, points.cols() - at);
            chunk.setZero();
            chunk.leftCols(n) = points.middleCols(at, n);
            out.middleCols(at, n) = infer(p, Net::x = chunk).leftCols(n);
        }
        return out;
    }

    /// The predicted class of each column of `points` (the argmax of its scores).
    std::vector<int> classify(const Eigen::Matrix<float, 2, Eigen::Dynamic>& points) const {
        return exprnet::nn::argmax_columns(scores(points));
    }
};

/// Full-batch Adam on the whole data set (all 300 points in every step), seeded: the same
/// options give the same weights; `loss` is the loss of the final weights. The data must have
/// exactly sample_count points (the program's batch).
template <class Net>
trained_net<Net> train(const spiral_data& data, const training_options& options = {}) {
    EXPRNET_ASSERT(data.points.cols() == sample_count && data.labels.size() == std::size_t(sample_count),
                   "classify2d::train: the data must have exactly sample_count (300) points and labels");
    trained_net<Net> net;
    exprnet::nn::initialize(net.p, exprnet::nn::he_normal, options.seed);
    static auto program = exprnet::compile<exprnet::batch<sample_count>>(Net::loss, exprnet::wrt(Net::W1, Net::b1, Net::W2, Net::b2));
    typename Net::grads g;
    Eigen::Matrix<float, classes, sample_count> one_hot = Eigen::Matrix<float, classes, sample_count>::Zero();
    for (int j = 0; j < sample_count; ++j) one_hot(data.labels[std::size_t(j)], j) = 1;
    exprnet::nn::adam<typename Net::params> adam({.learning_rate = options.learning_rate});
    for (int step = 0; step < options.steps; ++step) {
        net.loss = program(net.p, g, Net::x = data.points, Net::y = one_hot);
        adam.step(net.p, g);
    }
    net.loss = program(net.p, g, Net::x = data.points, Net::y = one_hot);  // after the last step
    return net;
}

}  // namespace classify2d
