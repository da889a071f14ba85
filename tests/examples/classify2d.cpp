// The classify2d demo's claims in numbers (examples/classify2d/): the spiral data follow
// CS231n's generator, and trained nets show the seed's observations: more hidden units fit the
// training data better, stronger L2 fits it worse, and 20 hidden units at reg 0.001 fit at
// least 98% of it. Accuracy and loss are recomputed here by a forward pass written with Eigen
// from the trained weights, not taken from the demo's own code.
#include <boost/test/unit_test.hpp>

#include "../../examples/classify2d/spiral.hpp"
#include "../../examples/classify2d/spiral_net.hpp"

#include <Eigen/Core>

#include <cmath>
#include <numbers>

using namespace exprnet::literals;
using namespace classify2d;

BOOST_AUTO_TEST_CASE(spiral_matches_cs231n_generator) {
    const int n = 100, k_classes = 3;
    const spiral_data d = make_spiral(n, k_classes, 1);
    BOOST_REQUIRE_EQUAL(d.points.cols(), n * k_classes);
    BOOST_REQUIRE_EQUAL(d.labels.size(), std::size_t(n * k_classes));
    double sum = 0, sum_sq = 0, largest = 0;
    int counted = 0;
    for (int k = 0; k < k_classes; ++k)
        for (int i = 0; i < n; ++i) {
            const int j = k * n + i;
            BOOST_TEST(d.labels[std::size_t(j)] == k);
            // r = linspace(0, 1, N)[i] = i / 99: the distance from the origin.
            const double r = double(i) / 99.0;
            BOOST_TEST(std::hypot(double(d.points(0, j)), double(d.points(1, j))) == r, boost::test_tools::tolerance(1e-6));
            if (i == 0) continue;  // the origin has no angle
            // (x, y) = (r sin t, r cos t), so t = atan2(x, y); t - linspace(4k, 4k + 4)[i] is the noise.
            const double t = std::atan2(double(d.points(0, j)), double(d.points(1, j)));
            double noise = std::remainder(t - (4.0 * k + 4.0 * double(i) / 99.0), 2 * std::numbers::pi);
            sum += noise;
            sum_sq += noise * noise;
            largest = std::max(largest, std::abs(noise));
            ++counted;
        }
    const double mean = sum / counted, sd = std::sqrt(sum_sq / counted - mean * mean);
    // 0.2 · N(0, 1): the mean of 297 draws is within 4 standard errors (4 · 0.2 / sqrt(297)
    // = 0.046) of 0, the sample deviation within 0.04 of 0.2 (its standard error is 0.008), and
    // no draw is beyond 6 · 0.2 (the Irwin-Hall draw's hard limit).
    BOOST_TEST(std::abs(mean) < 0.046);
    BOOST_TEST(std::abs(sd - 0.2) < 0.04);
    BOOST_TEST(largest <= 1.2);
    BOOST_TEST(largest > 0.3);  // there is noise at all
}

namespace {

struct fit {
    double accuracy, loss;
};

/// Trains spiral_net<Hidden, Reg> as the demo does, then recomputes its training accuracy
/// (own argmax loop) and loss (softmax cross-entropy + reg · squared weights) by hand.
template <int Hidden, auto Reg>
fit train_and_measure(const spiral_data& d) {
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
    const double loss = cross_entropy / double(scores.cols()) + reg * (w1.squaredNorm() + w2.squaredNorm());
    // The loss the demo prints is the program's: it must agree with this one.
    BOOST_TEST(net.loss == loss, boost::test_tools::tolerance(1e-4));
    return {double(right) / double(scores.cols()), loss};
}

}  // namespace

BOOST_AUTO_TEST_CASE(accuracy_grows_with_hidden_size_and_falls_with_regularisation) {
    const spiral_data d = make_spiral(points_per_class, classes, 1);
    const fit h3[] = {train_and_measure<3, 0.001_c>(d), train_and_measure<3, 0.01_c>(d), train_and_measure<3, 0.1_c>(d)};
    const fit h6[] = {train_and_measure<6, 0.001_c>(d), train_and_measure<6, 0.01_c>(d), train_and_measure<6, 0.1_c>(d)};
    const fit h20[] = {train_and_measure<20, 0.001_c>(d), train_and_measure<20, 0.01_c>(d), train_and_measure<20, 0.1_c>(d)};
    for (int r = 0; r < 3; ++r)
        BOOST_TEST_MESSAGE("reg column " << r << ": accuracy " << h3[r].accuracy << " " << h6[r].accuracy << " " << h20[r].accuracy);

    // At the weakest regularisation, each step up in width fits strictly more points, and 20
    // units fit the spirals (the seed: >= 98%).
    BOOST_TEST(h3[0].accuracy < h6[0].accuracy);
    BOOST_TEST(h6[0].accuracy < h20[0].accuracy);
    BOOST_TEST(h20[0].accuracy >= 0.98);
    // At every strength, a wider net fits at least as many points.
    for (int r = 0; r < 3; ++r) {
        BOOST_TEST(h3[r].accuracy <= h6[r].accuracy);
        BOOST_TEST(h6[r].accuracy <= h20[r].accuracy);
    }
    // For every width, stronger L2 fits fewer points: 0.001 -> 0.01 strictly, 0.01 -> 0.1 no more.
    for (const fit* row : {h3, h6, h20}) {
        BOOST_TEST(row[0].accuracy > row[1].accuracy);
        BOOST_TEST(row[1].accuracy >= row[2].accuracy);
    }
}
