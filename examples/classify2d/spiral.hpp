// The spiral data set of CS231n's "Putting it together: minimal neural network case study"
// (after Karpathy's ConvNetJS classify2d demo): K classes of N points each; point i of class k
// has radius r = i / (N - 1) and angle t = 4k + 4i / (N - 1) + 0.2·noise, at (r sin t, r cos t).
#pragma once

#include <exprnet/nn/random.hpp>

#include <Eigen/Core>

#include <cmath>
#include <cstdint>
#include <vector>

namespace classify2d {

struct spiral_data {
    Eigen::Matrix<float, 2, Eigen::Dynamic> points;  // one point per column
    std::vector<int> labels;                          // its class, 0..K-1
};

/// The angle noise is standard normal (nn::counter_rng's Irwin-Hall draw: reproducible on
/// every platform), one draw per point from the stream of its class.
inline spiral_data make_spiral(int points_per_class, int classes, std::uint64_t seed) {
    const exprnet::nn::counter_rng rng{seed};
    const int n = points_per_class;
    spiral_data d{Eigen::Matrix<float, 2, Eigen::Dynamic>(2, n * classes), std::vector<int>(std::size_t(n * classes))};
    for (int k = 0; k < classes; ++k)
        for (int i = 0; i < n; ++i) {
            // np.linspace(a, b, n)[i] = a + i·(b - a)/(n - 1)
            const double step = n > 1 ? double(i) / double(n - 1) : 0.0;
            const double r = step;
            const double t = 4.0 * k + 4.0 * step + rng.normal(std::uint64_t(k), std::uint64_t(i), 0.2);
            const int column = k * n + i;
            d.points(0, column) = float(r * std::sin(t));
            d.points(1, column) = float(r * std::cos(t));
            d.labels[std::size_t(column)] = k;
        }
    return d;
}

}  // namespace classify2d
