// eval/data_parallel.hpp: a training call split into parts over threads gives the same bits for
// any number of threads, equals the parts computed one by one and averaged in order (computed
// here with plain program calls), and is close to the one-thread program on the whole batch.
// Built with ThreadSanitizer too (test.eval.data_parallel.tsan); no allocation in a call:
// data_parallel.no_heap.cpp.
#include <boost/test/unit_test.hpp>

#include <exprnet/eval/data_parallel.hpp>
#include <exprnet/exprnet.hpp>
#include <exprnet/nn.hpp>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>
#include <vector>

using namespace exprnet;
using namespace exprnet::literals;

namespace {

constexpr auto x = input<"x", 20>;
constexpr auto y = input<"y", 5>;
constexpr auto W1 = param<"W1", 16, 20>;
constexpr auto b1 = param<"b1", 16>;
constexpr auto W2 = param<"W2", 5, 16>;
constexpr auto b2 = param<"b2", 5>;
// A mean over the columns plus a term of the params alone: the parts' mean gradient is the batch's.
constexpr auto loss = softmax_cross_entropy(W2 * relu(W1 * x + b1) + b2, y) + 1e-3_c * sum_sq(W1);
using loss_t = std::remove_const_t<decltype(loss)>;

struct data {
    params_for<loss_t> p;
    Eigen::MatrixXf xs = Eigen::MatrixXf::Random(20, 32);
    Eigen::MatrixXf ys = Eigen::MatrixXf::Zero(5, 32);
    data() {
        nn::initialize(p, nn::he_normal, 7);
        for (int j = 0; j < 32; ++j) ys((j * 3) % 5, j) = 1;
    }
};

/// The gradient arena of a data_parallel call with Parts parts of 32 / Parts columns on `threads`.
template <int Parts>
std::pair<float, std::unique_ptr<grads_for<loss_t>>> parallel_call(const data& d, int threads) {
    auto train = parallel<Parts>(compile<batch<32 / Parts>>(loss, wrt(W1, b1, W2, b2)), threads);
    BOOST_TEST(train.threads() == std::min(threads, Parts));
    auto g = std::make_unique<grads_for<loss_t>>();
    float l = 0;
    for (int repeat = 0; repeat < 3; ++repeat) l = train(d.p, *g, x = d.xs, y = d.ys);  // the same each time
    return {l, std::move(g)};
}

bool same_bits(const grads_for<loss_t>& a, const grads_for<loss_t>& b) {
    return std::memcmp(a.flat().data(), b.flat().data(), sizeof(float) * grads_for<loss_t>::size) == 0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_same_bits_for_any_number_of_threads) {
    const data d;
    const auto [l1, g1] = parallel_call<4>(d, 1);
    for (int threads : {2, 3, 4, 9}) {
        const auto [l, g] = parallel_call<4>(d, threads);
        BOOST_TEST(l == l1);
        BOOST_TEST(same_bits(*g, *g1), threads << " threads");
    }
}

BOOST_AUTO_TEST_CASE(equals_the_parts_one_by_one_averaged_in_order) {
    const data d;
    const auto [l, g] = parallel_call<2>(d, 2);
    auto part = compile<batch<16>>(loss, wrt(W1, b1, W2, b2));
    auto g0 = std::make_unique<grads_for<loss_t>>(), g1 = std::make_unique<grads_for<loss_t>>();
    const Eigen::MatrixXf x0 = d.xs.leftCols(16), x1 = d.xs.rightCols(16), y0 = d.ys.leftCols(16), y1 = d.ys.rightCols(16);
    const float l0 = part(d.p, *g0, x = x0, y = y0);
    const float l1 = part(d.p, *g1, x = x1, y = y1);
    BOOST_TEST(l == (l0 + l1) / 2.0f);
    g0->flat() += g1->flat();
    g0->flat() /= 2.0f;
    BOOST_TEST(same_bits(*g, *g0));
}

BOOST_AUTO_TEST_CASE(close_to_the_whole_batch_on_one_thread) {
    const data d;
    const auto [l, g] = parallel_call<2>(d, 2);
    auto whole = compile<batch<32>>(loss, wrt(W1, b1, W2, b2));
    auto gw = std::make_unique<grads_for<loss_t>>();
    const float lw = whole(d.p, *gw, x = d.xs, y = d.ys);
    BOOST_TEST(std::abs(l - lw) <= 1e-6f * std::abs(lw));
    const float err = (g->flat() - gw->flat()).norm() / gw->flat().norm();
    BOOST_TEST(err < 1e-6f);
}

BOOST_AUTO_TEST_CASE(a_forward_program_gives_each_part_its_columns_bit_for_bit) {
    const data d;
    const auto scores = W2 * relu(W1 * x + b1) + b2;
    auto one_part = compile<batch<8>>(scores);
    for (int threads : {1, 2, 4}) {
        auto infer = parallel<4>(compile<batch<8>>(scores), threads);
        const Eigen::MatrixXf out = infer(d.p, x = d.xs);
        BOOST_TEST(out.cols() == 32);
        for (int k = 0; k < 4; ++k) {
            const Eigen::MatrixXf xk = d.xs.middleCols(8 * k, 8);
            const Eigen::MatrixXf expected = one_part(d.p, x = xk);
            BOOST_TEST(std::memcmp(out.middleCols(8 * k, 8).eval().data(), expected.data(), sizeof(float) * 40) == 0,
                       "part " << k << " on " << threads << " threads");
        }
    }
}

BOOST_AUTO_TEST_CASE(parallel_for_runs_every_index_once) {
    auto train = parallel<4>(compile<batch<8>>(loss, wrt(W1, b1, W2, b2)), 3);
    for (long count : {0L, 1L, 2L, 7L, 100L}) {
        std::vector<int> hits(std::size_t(count), 0);
        std::atomic<int> ranges{0}, bad_ranges{0};  // Boost.Test's checks are for the main thread only
        train.parallel_for()(count, [&](long begin, long end) {
            ++ranges;
            if (begin < 0 || begin > end || end > count) return void(++bad_ranges);
            for (long i = begin; i < end; ++i) ++hits[std::size_t(i)];  // disjoint ranges: no race
        });
        BOOST_TEST(ranges.load() == 3);
        BOOST_TEST(bad_ranges.load() == 0);
        BOOST_TEST(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }), "count " << count);
    }
}

/// Three steps of an optimizer, on one thread and on the team's threads: the same bits.
template <template <class> class Optimizer, class Options>
void optimizer_on_the_team(const Options& options) {
    const data d;
    for (int threads : {1, 2, 4}) {
        auto train = parallel<4>(compile<batch<8>>(loss, wrt(W1, b1, W2, b2)), threads);
        auto serial = std::make_unique<params_for<loss_t>>(d.p), shared = std::make_unique<params_for<loss_t>>(d.p);
        auto g = std::make_unique<grads_for<loss_t>>();
        Optimizer<params_for<loss_t>> one(options), team(options);
        for (int step = 0; step < 3; ++step) {
            train(*serial, *g, x = d.xs, y = d.ys);
            one.step(*serial, *g);
            team.step(*shared, *g, train.parallel_for());
        }
        BOOST_TEST(std::memcmp(serial->data(), shared->data(), sizeof(float) * params_for<loss_t>::size) == 0,
                   threads << " threads");
        BOOST_TEST(((*serial).flat() - d.p.flat()).norm() > 0.0f);  // the steps moved the params
    }
}

BOOST_AUTO_TEST_CASE(an_optimizer_step_on_the_team_gives_the_same_bits) {
    optimizer_on_the_team<nn::sgd>(nn::sgd_options{.learning_rate = 0.1, .weight_decay = 1e-2});
    optimizer_on_the_team<nn::momentum>(nn::momentum_options{.learning_rate = 0.1, .momentum = 0.9, .nesterov = true});
    optimizer_on_the_team<nn::adam>(nn::adam_options{.learning_rate = 1e-2, .weight_decay = 1e-2});
}
