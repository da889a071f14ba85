// Threads (eval/call_guard.hpp; docs/evaluation.md, "Threads"). The supported model, one program
// object per thread with the params arena shared read-only, gives every thread exactly the
// results of a single-threaded run (this file also runs under ThreadSanitizer, as
// test.eval.threads.tsan). One program object called from two threads at once stops the second
// call with the guard's message: it never returns a wrong result.
// EXPRNET_ASSERT throws its message here (support/throwing_assert.hpp), so that a thread can count
// the stops.
#include "support/throwing_assert.hpp"  // first: it defines EXPRNET_ASSERT

#include <boost/test/unit_test.hpp>

#include <exprnet/embedded.hpp>  // not the umbrella: nn/'s noexcept functions would make the throwing assert terminate

#include <array>
#include <atomic>
#include <thread>
#include <vector>

using namespace exprnet;

namespace {

constexpr auto x = input<"x", 32>;
constexpr auto y = input<"y", 10>;
constexpr auto W1 = param<"W1", 64, 32>;
constexpr auto b1 = param<"b1", 64>;
constexpr auto W2 = param<"W2", 10, 64>;
constexpr auto b2 = param<"b2", 10>;
constexpr auto scores = W2 * relu(W1 * x + b1) + b2;
constexpr auto loss = softmax_cross_entropy(scores, y);
constexpr int batches = 4;
constexpr int columns = 48;

using params_t = params_for<decltype(loss)>;
using grads_t = grads_for<decltype(loss)>;

struct data {
    std::array<Eigen::MatrixXf, batches> xs, ys;
    params_t p;
    data() {
        p.flat().setRandom();
        p.flat() *= 0.2f;
        for (int k = 0; k < batches; ++k) {
            xs[k] = Eigen::MatrixXf::Random(32, columns);
            ys[k] = Eigen::MatrixXf::Zero(10, columns);
            for (int j = 0; j < columns; ++j) ys[k]((j * 7 + k) % 10, j) = 1;
        }
    }
};

/// What a single thread computes for each batch: the loss, the gradients and the scores.
struct reference {
    std::array<float, batches> losses{};
    std::array<grads_t, batches> grads;
    std::array<Eigen::MatrixXf, batches> outputs;
};

template <class Train, class Forward>
reference single_threaded(const data& d, Train train, Forward forward) {
    reference r;
    for (int k = 0; k < batches; ++k) {
        r.losses[k] = train(d.p, r.grads[k], x = d.xs[k], y = d.ys[k]);
        r.outputs[k] = forward(d.p, x = d.xs[k]);
    }
    return r;
}

std::string message_of_second_scope(detail::call_guard& guard) {
    try {
        const detail::call_scope second(guard);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(one_program_per_thread_shares_the_params_read_only) {
    const data d;
    const auto train = compile<dynamic_batch>(loss, wrt(W1, b1, W2, b2));
    const auto forward = compile<batch<columns>>(scores);
    const reference r = single_threaded(d, train, forward);

    constexpr int threads = 4, rounds = 25;
    std::array<int, threads> mismatches{};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&, t] {
            auto my_train = train;  // one program object per thread: copies of the compiled ones
            auto my_forward = forward;
            grads_t g;
            for (int round = 0; round < rounds; ++round)
                for (int k = (t + round) % batches, n = 0; n < batches; ++n, k = (k + 1) % batches) {
                    const float l = my_train(d.p, g, x = d.xs[k], y = d.ys[k]);
                    const bool same_grads = (g.flat().array() == r.grads[k].flat().array()).all();
                    const bool same_output = (my_forward(d.p, x = d.xs[k]).array() == r.outputs[k].array()).all();
                    mismatches[t] += (l != r.losses[k] || !same_grads || !same_output) ? 1 : 0;
                }
        });
    for (std::thread& w : workers) w.join();
    for (int t = 0; t < threads; ++t) BOOST_TEST(mismatches[t] == 0, "thread " << t);
}

// Two threads share one program object. Each call either stops at the guard (counted) or
// returns exactly the single-threaded result: before the guard, 22 of 400 such calls returned
// wrong values (issue 15).
BOOST_AUTO_TEST_CASE(two_threads_on_one_program_never_get_a_wrong_result) {
    const data d;
    auto shared = compile<dynamic_batch>(loss, wrt(W1, b1, W2, b2));
    const reference r = single_threaded(d, shared, compile<batch<columns>>(scores));

    constexpr int calls = 400;
    std::atomic<int> wrong{0}, stopped{0}, other{0};
    const auto work = [&](int k) {
        grads_t g;
        for (int i = 0; i < calls; ++i) {
            try {
                const float l = shared(d.p, g, x = d.xs[k], y = d.ys[k]);
                if (l != r.losses[k] || !(g.flat().array() == r.grads[k].flat().array()).all()) ++wrong;
            } catch (const std::runtime_error& e) {
                ++(std::string(e.what()).find("this program object is already in a call") != std::string::npos ? stopped
                                                                                                              : other);
            }
        }
    };
    std::thread a(work, 0), b(work, 1);
    a.join();
    b.join();
    BOOST_TEST(wrong.load() == 0);
    BOOST_TEST(other.load() == 0);
    BOOST_TEST_MESSAGE(stopped.load() << " of " << 2 * calls << " calls stopped at the guard; none returned a wrong result");
}

BOOST_AUTO_TEST_CASE(the_guard_admits_one_call_at_a_time) {
    detail::call_guard guard;
    {
        const detail::call_scope first(guard);
        const std::string m = message_of_second_scope(guard);
        BOOST_TEST(m.find("exprnet: program call: this program object is already in a call") == 0u, m);
        BOOST_TEST(m.find("auto mine = train;") != std::string::npos, m);
    }
    BOOST_TEST(message_of_second_scope(guard).empty());  // released at the end of the first call
    const detail::call_scope held(guard);
    detail::call_guard copy = guard;  // a copy of a program in a call is an idle program
    BOOST_TEST(message_of_second_scope(copy).empty());
}
