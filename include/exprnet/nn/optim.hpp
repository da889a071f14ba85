/// @file
/// Defines the optimizers `sgd`, `momentum` (with Nesterov's variant) and `adam`, each a class
/// over a parameter arena type (params_for<E>) whose `step(p, g)` updates every parameter from
/// the gradient arena (grads_for<E>, filled by a training call) in one pass over the arena.
/// `step(p, g, train.parallel_for())` shares that pass among the threads of a data_parallel
/// program `train` (eval/data_parallel.hpp), with the same result, bit for bit.
/// The formulas are PyTorch's (torch.optim.SGD with momentum, dampening 0; torch.optim.Adam),
/// weight decay included: L2, added to the gradient as weight_decay × p, for every parameter.
/// The state (velocity; Adam's moments) is an arena of the same layout, held inline like the
/// parameters: make a large optimizer static, as you would its arenas.
#pragma once

#include <exprnet/core/diagnostics.hpp>
#include <exprnet/core/parallel_for.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace exprnet::nn {

namespace detail {

/// The parameter and gradient arenas of one network: same params, same layout.
template <class Params, class Grads>
inline constexpr bool same_layout_v =
    std::is_same_v<typename Params::params, typename Grads::params> &&
    std::is_same_v<typename Params::row_major, typename Grads::row_major> && std::is_same_v<typename Params::scalar, typename Grads::scalar>;

/// Runs f(at, n) on consecutive segments of at most 256 scalars of [0, size), so that an update
/// of several assignments reads and writes each scalar while it is in L1: one pass over the
/// arenas, with Eigen's vectorised expressions inside each segment. `parallel_for(count, job)`
/// runs job(begin, end) over [0, count) of the segments: `serial_for` on this thread,
/// or a data_parallel's `parallel_for()`, which shares them among its threads. Each scalar's
/// arithmetic is the same in every segment, so the result has the same bits either way.
inline constexpr long segment_scalars = 256;
template <class ParallelFor, class F>
void for_segments(long size, ParallelFor&& parallel_for, F&& f) {
    parallel_for((size + segment_scalars - 1) / segment_scalars, [&](long begin, long end) {
        for (long s = begin; s < end; ++s) f(s * segment_scalars, std::min(segment_scalars, size - s * segment_scalars));
    });
}

}  // namespace detail

/// Plain SGD: p -= lr · (g + weight_decay · p).
struct sgd_options {
    double learning_rate = 0.01;
    double weight_decay = 0;
};

template <class Arena>
class sgd {
public:
    using scalar = typename Arena::scalar;
    sgd_options options;

    explicit sgd(sgd_options o = {}) : options(o) {}

    template <class Grads, class ParallelFor = serial_for>
    void step(Arena& p, const Grads& g, ParallelFor&& parallel_for = {}) {
        static_assert(detail::same_layout_v<Arena, Grads>, EXPRNET_MSG_OPTIMIZER_LAYOUT);
        const scalar lr = scalar(options.learning_rate), wd = scalar(options.weight_decay);
        auto P = p.flat().array();
        const auto G = g.flat().array();
        detail::for_segments(long(Arena::size), parallel_for, [&](long at, long n) {
            auto ps = P.segment(at, n);
            if (wd != scalar(0)) ps -= lr * (G.segment(at, n) + wd * ps);
            else ps -= lr * G.segment(at, n);
        });
    }
};

/// SGD with momentum (mu), as torch.optim.SGD: d = g + weight_decay · p; v = mu · v + d; then
/// p -= lr · v, or with Nesterov p -= lr · (d + mu · v).
struct momentum_options {
    double learning_rate = 0.01;
    double momentum = 0.9;
    double weight_decay = 0;
    bool nesterov = false;
};

template <class Arena>
class momentum {
public:
    using scalar = typename Arena::scalar;
    momentum_options options;

    explicit momentum(momentum_options o = {}) : options(o) { velocity_.set_zero(); }

    template <class Grads, class ParallelFor = serial_for>
    void step(Arena& p, const Grads& g, ParallelFor&& parallel_for = {}) {
        static_assert(detail::same_layout_v<Arena, Grads>, EXPRNET_MSG_OPTIMIZER_LAYOUT);
        const scalar lr = scalar(options.learning_rate), mu = scalar(options.momentum), wd = scalar(options.weight_decay);
        const bool nesterov = options.nesterov;
        auto P = p.flat().array();
        const auto G = g.flat().array();
        auto V = velocity_.flat().array();
        detail::for_segments(long(Arena::size), parallel_for, [&](long at, long n) {
            auto ps = P.segment(at, n);
            auto vs = V.segment(at, n);
            const auto d = G.segment(at, n) + wd * ps;
            vs = mu * vs + d;
            if (nesterov) ps -= lr * (d + mu * vs);
            else ps -= lr * vs;
        });
    }
    /// The velocity, an arena like the parameters (zero at the start).
    const Arena& velocity() const noexcept { return velocity_; }

private:
    Arena velocity_;
};

/// Adam (Kingma and Ba 2015), as torch.optim.Adam: d = g + weight_decay · p;
/// m = b1 · m + (1 - b1) · d; v = b2 · v + (1 - b2) · d²; at step t,
/// p -= lr / (1 - b1ᵗ) · m / (sqrt(v) / sqrt(1 - b2ᵗ) + eps).
struct adam_options {
    double learning_rate = 1e-3;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double epsilon = 1e-8;
    double weight_decay = 0;
};

template <class Arena>
class adam {
public:
    using scalar = typename Arena::scalar;
    adam_options options;

    explicit adam(adam_options o = {}) : options(o) {
        m_.set_zero();
        v_.set_zero();
    }

    template <class Grads, class ParallelFor = serial_for>
    void step(Arena& p, const Grads& g, ParallelFor&& parallel_for = {}) {
        static_assert(detail::same_layout_v<Arena, Grads>, EXPRNET_MSG_OPTIMIZER_LAYOUT);
        ++t_;
        const double b1 = options.beta1, b2 = options.beta2;
        // The bias corrections, in double: 1 - b2ᵗ is 1e-3 at t = 1.
        pow1_ *= b1;
        pow2_ *= b2;
        const scalar step_size = scalar(options.learning_rate / (1 - pow1_));
        const scalar root_correction = scalar(std::sqrt(1 - pow2_));
        const scalar eps = scalar(options.epsilon), wd = scalar(options.weight_decay);
        const scalar sb1 = scalar(b1), sb2 = scalar(b2);
        auto P = p.flat().array();
        const auto G = g.flat().array();
        auto M = m_.flat().array();
        auto V = v_.flat().array();
        detail::for_segments(long(Arena::size), parallel_for, [&](long at, long n) {
            auto ps = P.segment(at, n);
            auto ms = M.segment(at, n);
            auto vs = V.segment(at, n);
            const auto d = G.segment(at, n) + wd * ps;
            ms = sb1 * ms + (scalar(1) - sb1) * d;
            vs = sb2 * vs + (scalar(1) - sb2) * d.square();
            ps -= step_size * ms / (vs.sqrt() / root_correction + eps);
        });
    }
    /// Steps taken (t of the bias corrections).
    long steps() const noexcept { return t_; }
    const Arena& first_moment() const noexcept { return m_; }
    const Arena& second_moment() const noexcept { return v_; }

private:
    Arena m_, v_;
    long t_ = 0;
    double pow1_ = 1, pow2_ = 1;
};

}  // namespace exprnet::nn
