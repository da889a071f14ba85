/// @file
/// Defines the initialisers `xavier_uniform`, `xavier_normal` (Glorot and Bengio 2010),
/// `he_uniform`, `he_normal` (He et al. 2015) and `initialize(p, scheme, seed)`, which fills a
/// parameter arena: every matrix by the scheme, with fan_in = columns and fan_out = rows (W is
/// outputs × inputs and multiplies x from the left), every vector (bias) with zeros.
/// Reproducible on every platform (nn/random.hpp): a parameter's values depend only on the seed,
/// its name and its shape, not on the other parameters, the arena's layout or the compiler.
#pragma once

#include <exprnet/nn/random.hpp>

#include <cmath>
#include <cstdint>
#include <string_view>

namespace exprnet::nn {

enum class distribution { uniform, normal };

/// A scheme gives the scale of a layer's weights from its fans: the bound a of uniform(-a, a),
/// or the standard deviation of normal(0, s). Both have variance gain / fan, where fan is
/// fan_in (He) or the mean of fan_in and fan_out (Xavier).
struct init_scheme {
    distribution dist;
    double gain;      ///< 1 for Xavier (tanh, sigmoid, linear), 2 for He (ReLU)
    bool fan_in_only;  ///< He: fan_in; Xavier: (fan_in + fan_out) / 2

    double scale(long fan_in, long fan_out) const noexcept {
        const double fan = fan_in_only ? double(fan_in) : 0.5 * double(fan_in + fan_out);
        const double variance = gain / fan;
        // uniform(-a, a) has variance a² / 3; sqrt is correctly rounded by IEEE 754.
        return dist == distribution::uniform ? std::sqrt(3.0 * variance) : std::sqrt(variance);
    }
};

/// uniform(-a, a), a = sqrt(6 / (fan_in + fan_out)).
inline constexpr init_scheme xavier_uniform{distribution::uniform, 1.0, false};
/// normal(0, s), s = sqrt(2 / (fan_in + fan_out)).
inline constexpr init_scheme xavier_normal{distribution::normal, 1.0, false};
/// uniform(-a, a), a = sqrt(6 / fan_in).
inline constexpr init_scheme he_uniform{distribution::uniform, 2.0, true};
/// normal(0, s), s = sqrt(2 / fan_in).
inline constexpr init_scheme he_normal{distribution::normal, 2.0, true};

/// Fills one matrix (any Eigen lvalue, e.g. `p[W1]`) by `scheme`. Element (r, c) is draw
/// number r * cols + c of the stream, whatever the storage order; `stream` is usually
/// name_stream of the parameter's name.
template <class Matrix>
void initialize_matrix(Matrix&& m, const init_scheme& scheme, std::uint64_t seed, std::uint64_t stream) {
    using scalar = typename std::remove_cvref_t<Matrix>::Scalar;
    const counter_rng rng{seed};
    const double s = scheme.scale(long(m.cols()), long(m.rows()));
    for (long r = 0; r < long(m.rows()); ++r)
        for (long c = 0; c < long(m.cols()); ++c) {
            const auto i = std::uint64_t(r * long(m.cols()) + c);
            m(r, c) = scalar(scheme.dist == distribution::uniform ? rng.uniform(stream, i, s) : rng.normal(stream, i, s));
        }
}

/// Initialises a whole arena (params_for<E>): matrices (more than one column) by `scheme`,
/// each from the stream of its name; vectors, the biases, to zero.
template <class Arena>
void initialize(Arena& p, const init_scheme& scheme, std::uint64_t seed) {
    p.for_each([&](auto symbol, auto map) {
        using P = decltype(symbol);
        if constexpr (P::cols > 1) {
            initialize_matrix(map, scheme, seed, name_stream(P::name.view()));
        } else {
            map.setZero();
        }
    });
}

}  // namespace exprnet::nn
