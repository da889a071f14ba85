// nn/data.hpp and nn/schedule.hpp: batch orders are permutations that depend on (seed, epoch)
// only, gathering copies the right columns, accuracy counts like a hand loop, and the
// schedules give their formulas' values at hand-computed points.
#include <boost/test/unit_test.hpp>

#include <exprnet/nn/data.hpp>
#include <exprnet/nn/schedule.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

using namespace exprnet;

BOOST_AUTO_TEST_CASE(every_epoch_is_a_permutation_cut_into_batches) {
    nn::batch_order order(10, 4, 99);
    BOOST_TEST(order.batches() == 2);  // the last 2 samples are dropped
    BOOST_TEST(nn::batch_order(10, 4, 99, true).batches() == 3);
    std::vector<std::vector<int>> epochs;
    for (long e = 0; e < 3; ++e) {
        order.shuffle(e);
        std::vector<int> all;
        for (long b = 0; b < 2; ++b) {
            const auto idx = order.batch(b);
            BOOST_TEST(idx.size() == 4u);
            all.insert(all.end(), idx.begin(), idx.end());
        }
        std::vector<int> sorted = all;
        std::sort(sorted.begin(), sorted.end());
        BOOST_TEST((std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end()));  // no repeats
        BOOST_TEST(sorted.front() >= 0);
        BOOST_TEST(sorted.back() <= 9);
        epochs.push_back(all);
    }
    BOOST_TEST(epochs[0] != epochs[1]);
    BOOST_TEST(epochs[1] != epochs[2]);
    // The same (seed, epoch) gives the same order, whatever was shuffled before.
    nn::batch_order again(10, 4, 99);
    again.shuffle(1);
    std::vector<int> e1(again.batch(0).begin(), again.batch(0).end());
    e1.insert(e1.end(), again.batch(1).begin(), again.batch(1).end());
    BOOST_TEST(e1 == epochs[1]);
}

BOOST_AUTO_TEST_CASE(shuffles_are_uniform_enough) {
    // Where sample 0 lands over 3000 epochs: each of 6 positions about 500 times.
    nn::batch_order order(6, 6, 7);
    int count[6] = {};
    for (long e = 0; e < 3000; ++e) {
        order.shuffle(e);
        const auto idx = order.batch(0);
        count[std::find(idx.begin(), idx.end(), 0) - idx.begin()]++;
    }
    for (int c : count) BOOST_TEST(std::abs(c - 500) < 90);  // > 4 standard deviations (20.4)
}

BOOST_AUTO_TEST_CASE(gather_and_one_hot) {
    Eigen::MatrixXf source(2, 5);
    source << 0, 1, 2, 3, 4, 10, 11, 12, 13, 14;
    const int idx[] = {3, 0, 4};
    Eigen::Matrix<float, 2, 3> out;
    nn::gather_columns(source, idx, out);
    Eigen::Matrix<float, 2, 3> expected;
    expected << 3, 0, 4, 13, 10, 14;
    BOOST_TEST((out == expected));

    const int labels[] = {2, 0, 1, 1, 0};
    Eigen::Matrix<float, 3, 3> hot;
    nn::gather_one_hot(labels, idx, hot);
    Eigen::Matrix<float, 3, 3> hot_expected;
    hot_expected << 0, 0, 1, 1, 0, 0, 0, 1, 0;  // labels of samples 3, 0, 4: 1, 2, 0
    BOOST_TEST((hot == hot_expected));
}

/// A parallel for without threads: [0, count) in three ranges, run last to first.
struct three_ranges_backwards {
    mutable int ranges = 0;
    template <class Job>
    void operator()(long count, Job&& job) const {
        for (int t = 2; t >= 0; --t) job(count * t / 3, count * (t + 1) / 3), ++ranges;
    }
};

BOOST_AUTO_TEST_CASE(gather_through_a_parallel_for) {
    const Eigen::MatrixXf source = Eigen::MatrixXf::Random(4, 50);
    std::vector<int> idx(20);
    for (int k = 0; k < 20; ++k) idx[std::size_t(k)] = (k * 7 + 3) % 50;
    Eigen::MatrixXf serial(4, 20), ranged(4, 20);
    nn::gather_columns(source, idx, serial);
    const three_ranges_backwards by_ranges;
    nn::gather_columns(source, idx, ranged, by_ranges);
    BOOST_TEST(by_ranges.ranges == 3);
    BOOST_TEST((ranged == serial));
    for (int k = 0; k < 20; ++k) BOOST_TEST((ranged.col(k) == source.col(idx[std::size_t(k)])));
}

BOOST_AUTO_TEST_CASE(accuracy_counts_argmax_hits) {
    Eigen::Matrix<float, 3, 4> scores;
    scores << 0.1f, 2, -1, 0,  //
        0.5f, 1, 3, 0,         //
        0.2f, 0, 2, 0;         // column 3 ties: the first row wins
    const int labels[] = {1, 0, 2, 0};  // hits: yes, yes, no, yes
    BOOST_TEST(nn::accuracy(scores, labels) == 0.75);
    BOOST_TEST((nn::argmax_columns(scores) == std::vector<int>{1, 0, 1, 0}));
}

BOOST_AUTO_TEST_CASE(schedules) {
    const nn::step_decay step{0.1, 0.5, 10};
    BOOST_TEST(step(0) == 0.1);
    BOOST_TEST(step(9) == 0.1);
    BOOST_TEST(step(10) == 0.05);
    BOOST_TEST(step(25) == 0.025);
    const nn::cosine_decay cosine{0.1, 100, 0.001};
    BOOST_TEST(cosine(0) == 0.1);
    BOOST_TEST(cosine(50) == (0.1 + 0.001) / 2, boost::test_tools::tolerance(1e-15));
    BOOST_TEST(cosine(25) == 0.001 + 0.099 * (1 + std::sqrt(0.5)) / 2, boost::test_tools::tolerance(1e-14));
    BOOST_TEST(cosine(100) == 0.001);
    BOOST_TEST(cosine(150) == 0.001);
}
