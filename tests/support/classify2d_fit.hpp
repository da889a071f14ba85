// Trains a classify2d net (examples/classify2d/spiral_net.hpp) as the demo does and measures
// it independently of the demo's code: training accuracy by its own argmax loop and the loss
// (softmax cross-entropy + 0.5 · reg · squared weights) by a forward pass written with Eigen in
// double from the trained weights. Shared by tests/examples/classify2d*.cpp.
#pragma once

#include "../../examples/classify2d/spiral_net.hpp"

#include <boost/test/unit_test.hpp>

#include <Eigen/Core>

#include <cmath>

namespace classify2d_test {

using namespace classify2d;

struct fit {
    double accuracy, loss;
};

/// Trains spiral_net<Hidden, Reg> as the demo does, then recomputes its training accuracy
/// (own argmax loop) and loss (softmax cross-entropy + 0.5 · reg · squared weights) by hand.
template <int Hidden, auto Reg>
inline fit train_and_measure(const spiral_data& d) {
    using net_t = spiral_net<Hidden, Reg>;
    const trained_net<net_t> net = train<net_t>(d);
    const Eigen::MatrixXd w1 = net.p[net_t::W1].template cast<double>(), w2 = net.p[net_t::W2].template cast<double>();
    const Eigen::VectorXd b1 = net.p[net_t::b1].template cast<double>(), b2 = net.p[net_t::b2].template cast<double>();
    const Eigen::MatrixXd xs = d.points.cast<double>();
    const Eigen::MatrixXd hidden = ((w1 * xs).colwise() + b1).cwiseMax(0.0);
    const Eigen::MatrixXd scores = (w2 * hidden).colwise() + b2;
    int right = 0;
    double cross_entropy = 0;
    for (Eigen::Index j = 0; j < scores.cols(); ++j) {
        int best = 0;
        for (int c = 1; c < classes; ++c)
            if (scores(c, j) > scores(best, j)) best = c;
        const int label = d.labels[std::size_t(j)];
        right += best == label;
        const double top = scores.col(j).maxCoeff();
        cross_entropy += std::log((scores.col(j).array() - top).exp().sum()) + top - scores(label, j);
    }
    const double reg = decltype(Reg)::value;
    const double loss = cross_entropy / double(scores.cols()) + 0.5 * reg * (w1.squaredNorm() + w2.squaredNorm());
    // The loss the demo prints is the program's: it must agree with this one.
    BOOST_TEST(net.loss == loss, boost::test_tools::tolerance(1e-4));
    return {double(right) / double(scores.cols()), loss};
}

}  // namespace classify2d_test
