/// @file
/// Defines `data_parallel<Parts, Program>` and `parallel<Parts>(program, threads)`: training and
/// inference on every core. A call takes Parts × N columns, where Program is a batch<N> program.
/// A forward program's parts write their columns of the output, which the call returns (a map
/// into the object, valid until its next call). For a training program:
/// part k (columns kN .. kN + N − 1 of every input) runs in its own copy of the program and
/// writes its own gradient arena, the parts spread over a team of threads started once (the
/// caller is one of them); then the parts' gradients are averaged into the caller's arena,
/// g = (g₀ + g₁ + … + g_{Parts−1}) / Parts, summed in that order, each thread a slice of the
/// arena, and the loss returned is the parts' mean. The optimizer's step can run on the same
/// threads: `adam.step(p, g, train.parallel_for())`.
///
/// Determinism: every part's arithmetic and the reduction's order are fixed by the partition
/// alone, so a call gives the same bits for any number of threads (1 .. Parts) and any timing.
/// Against a batch<Parts × N> program on one thread it differs in rounding only (the mean over
/// the batch is summed in another order; docs/evaluation.md). This needs the loss to be a mean
/// over the batch's columns, as every exprnet loss is: then the mean of the parts' gradients is
/// the whole batch's.
///
/// No allocation in a call: the programs, the part arenas and the threads are made at
/// construction. One caller at a time (the programs' call guards stop overlapping calls).
/// A forward call computes every column in exactly one part, so its output equals the batch<N>
/// program's on those columns, bit for bit.
/// Shapes: every input Parts × N columns. Evaluation: host only (<thread>).
#pragma once

#include <exprnet/core/assert.hpp>
#include <exprnet/core/diagnostics.hpp>
#include <exprnet/eval/arena.hpp>
#include <exprnet/eval/binding.hpp>

#include <Eigen/Core>

#include <array>
#include <atomic>
#include <memory>
#include <thread>
#include <tuple>
#include <vector>

namespace exprnet {

namespace detail {

/// Threads started once, which run the parts of each job: thread t runs parts t, t + T, …
/// (thread 0 is the caller). Woken and awaited through C++20 atomic waits; no allocation
/// after construction.
class thread_team {
public:
    explicit thread_team(int threads) : threads_(threads < 1 ? 1 : threads) {
        workers_.reserve(std::size_t(threads_ - 1));
        for (int t = 1; t < threads_; ++t) workers_.emplace_back([this, t] { work(t); });
    }
    ~thread_team() {
        stop_.store(true, std::memory_order_relaxed);
        generation_.fetch_add(1, std::memory_order_release);
        generation_.notify_all();
        for (std::thread& w : workers_) w.join();
    }
    thread_team(const thread_team&) = delete;
    thread_team& operator=(const thread_team&) = delete;

    int threads() const noexcept { return threads_; }

    /// Runs job(part) for every part in [0, parts); returns when every part has returned.
    template <class Job>
    void run(int parts, Job& job) {
        job_ = &job;
        call_ = [](void* j, int part) { (*static_cast<Job*>(j))(part); };
        parts_ = parts;
        remaining_.store(threads_ - 1, std::memory_order_relaxed);
        generation_.fetch_add(1, std::memory_order_release);
        generation_.notify_all();
        run_parts(0);
        for (int left; (left = remaining_.load(std::memory_order_acquire)) != 0;)
            remaining_.wait(left, std::memory_order_acquire);
    }

private:
    void run_parts(int t) {
        for (int part = t; part < parts_; part += threads_) call_(job_, part);
    }
    void work(int t) {
        unsigned seen = 0;
        for (;;) {
            generation_.wait(seen, std::memory_order_acquire);
            seen = generation_.load(std::memory_order_acquire);
            if (stop_.load(std::memory_order_relaxed)) return;
            run_parts(t);
            if (remaining_.fetch_sub(1, std::memory_order_acq_rel) == 1) remaining_.notify_one();
        }
    }

    int threads_;
    std::vector<std::thread> workers_;
    std::atomic<unsigned> generation_{0};
    std::atomic<int> remaining_{0};
    std::atomic<bool> stop_{false};
    void* job_ = nullptr;
    void (*call_)(void*, int) = nullptr;
    int parts_ = 0;
};

/// A team as a parallel for (core/parallel_for.hpp): job(begin, end) on contiguous ranges of
/// [0, count), one per thread, returning when every range is done.
struct team_for {
    thread_team* team;
    template <class Job>
    void operator()(long count, Job&& job) const {
        const int threads = team->threads();
        auto range = [&](int t) { job(count * t / threads, count * (t + 1) / threads); };
        team->run(threads, range);
    }
};

}  // namespace detail

template <int Parts, class Program>
class data_parallel {
    static_assert(Parts >= 1 && !Program::dynamic, EXPRNET_MSG_DATA_PARALLEL);
    static constexpr bool training = Program::wrt_params::size > 0;

public:
    using program_type = Program;
    using scalar = typename Program::scalar;
    using loss_type = detail::at_t<0, typename Program::roots>;  // the output, for a forward program
    /// The gradient arena a training call writes (grads_for of the loss).
    using grads = grads_for<loss_type, scalar>;
    static constexpr int parts = Parts;
    static constexpr int part_batch = Program::batch;
    static constexpr int batch = Parts * Program::batch;

    /// `threads` (1 .. Parts; default Parts) run the parts; the results do not depend on it.
    explicit data_parallel(int threads = Parts)
        : state_(std::make_unique<state>()),
          team_(std::make_unique<detail::thread_team>(threads < 1 ? 1 : threads > Parts ? Parts : threads)) {}

    int threads() const noexcept { return team_->threads(); }

    /// This object's threads as a parallel for, for the optimizer step between calls:
    /// `adam.step(p, g, train.parallel_for())` shares the update among them (nn/optim.hpp), with
    /// the same bits as `adam.step(p, g)`. `parallel_for()(count, job)` runs job(begin, end) on
    /// contiguous ranges of [0, count), one per thread. One caller at a time, as for a call.
    detail::team_for parallel_for() const noexcept { return {team_.get()}; }

    /// Training call: Parts × N columns per input; writes the batch's mean gradient into g and
    /// returns its mean loss.
    template <class ParamArena, class... Bindings>
        requires training
    scalar operator()(const ParamArena& p, grads& g, const Bindings&... bindings) {
        check_columns(bindings...);
        std::array<scalar, Parts> losses{};
        auto part = [&](int k) {
            grads& gk = k == 0 ? g : state_->part_grads[std::size_t(k - 1)];
            Program& program = state_->programs[std::size_t(k)];
            losses[std::size_t(k)] = with_part(k, [&](const auto&... b) { return program(p, gk, b...); }, bindings...);
        };
        team_->run(Parts, part);
        if constexpr (Parts > 1) {
            // Each thread averages its slice of the arena, adding the parts in order.
            parallel_for()(long(grads::size), [&](long begin, long end) {
                auto sum = g.flat().segment(begin, end - begin);
                for (const grads& other : state_->part_grads) sum += other.flat().segment(begin, end - begin);
                sum /= scalar(Parts);
            });
        }
        scalar loss = 0;
        for (scalar l : losses) loss += l;
        return loss / scalar(Parts);
    }

    /// Forward call: Parts × N columns per input; returns the output's Parts × N columns.
    template <class ParamArena, class... Bindings>
        requires(!training)
    auto operator()(const ParamArena& p, const Bindings&... bindings) {
        check_columns(bindings...);
        auto part = [&](int k) {
            Program& program = state_->programs[std::size_t(k)];
            Eigen::Map<output_matrix>(state_->outputs.data()).middleCols(Eigen::Index(k) * part_batch, part_batch) =
                with_part(k, [&](const auto&... b) { return program(p, b...); }, bindings...);
        };
        team_->run(Parts, part);
        return Eigen::Map<const output_matrix>(state_->outputs.data());
    }

private:
    static constexpr int output_rows = detail::at_t<0, typename Program::roots>::rows;
    using output_matrix = Eigen::Matrix<scalar, output_rows, batch>;
    struct state {
        std::array<Program, Parts> programs{};
        std::array<grads, training ? Parts - 1 : 0> part_grads{};
        std::array<scalar, training ? 0 : std::size_t(output_rows) * batch> outputs{};  // column-major
    };

    template <class... Bindings>
    static void check_columns(const Bindings&... bindings) {
        static_assert((detail::is_binding_v<Bindings> && ...), EXPRNET_MSG_DATA_PARALLEL);
        (EXPRNET_ASSERT(bindings.value.cols() == batch,
                        "exprnet: data_parallel: every input needs Parts x N columns (the parts' batch times their number)"),
         ...);
    }

    /// f(bindings of part k): each input bound to its part's columns, a view, no copy (whole
    /// columns are contiguous).
    template <class F, class... Bindings>
    static auto with_part(int k, F&& f, const Bindings&... bindings) {
        const auto blocks = std::make_tuple(bindings.value.middleCols(Eigen::Index(k) * part_batch, part_batch)...);
        return std::apply([&](const auto&... block) { return f((typename Bindings::leaf_type{} = block)...); }, blocks);
    }

    std::unique_ptr<state> state_;
    std::unique_ptr<detail::thread_team> team_;
};

/// `auto train = parallel<2>(compile<batch<64>>(loss, wrt(W1, ...)));` trains on 128 columns
/// per call, on 2 threads (or `threads` of them).
template <int Parts, class Program>
data_parallel<Parts, Program> parallel(const Program&, int threads = Parts) {
    return data_parallel<Parts, Program>(threads);
}

}  // namespace exprnet
