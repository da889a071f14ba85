/// @file
/// Defines `counter_rng`, the random numbers of exprnet's training pieces: a counter-based
/// generator (a pure function of seed, stream and index, no state), and the uniform and normal
/// draws computed with integer arithmetic and one IEEE rounding, so that the same seed gives
/// bit-identical weights and batch orders on every platform, compiler and flag set (x86, ARM,
/// with or without FMA contraction or vectorisation; no libm call).
#pragma once

#include <cstdint>
#include <string_view>

namespace exprnet::nn {

/// splitmix64's finaliser (Steele, Lea and Flood 2014): a bijection of 64-bit integers whose
/// output bits each depend on every input bit.
constexpr std::uint64_t mix64(std::uint64_t z) noexcept {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/// FNV-1a of a name: the stream of a parameter, so that its initial values depend on its name
/// and not on which other parameters the network has.
constexpr std::uint64_t name_stream(std::string_view name) noexcept {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const char c : name) h = (h ^ std::uint64_t(static_cast<unsigned char>(c))) * 0x100000001b3ULL;
    return h;
}

/// The i-th number of stream `stream` for seed `seed`: mix64 applied twice, to the seed and
/// stream, then to that plus i times the golden-ratio increment (splitmix64's sequence).
struct counter_rng {
    std::uint64_t seed = 0;

    constexpr std::uint64_t bits(std::uint64_t stream, std::uint64_t i) const noexcept {
        const std::uint64_t key = mix64(seed ^ mix64(stream + 0x9e3779b97f4a7c15ULL));
        return mix64(key + (i + 1) * 0x9e3779b97f4a7c15ULL);
    }
    /// 24 random bits: k in [0, 2^24), so k / 2^24 is a float in [0, 1) exactly.
    constexpr std::uint32_t bits24(std::uint64_t stream, std::uint64_t i) const noexcept {
        return std::uint32_t(bits(stream, i) >> 40);
    }
    /// Uniform in [-a, a): (2k + 1 - 2^24) / 2^24, exact in double, times a, rounded once.
    /// (Symmetric: never exactly -a or a, and the mean of all 2^24 values is 0.)
    constexpr double uniform(std::uint64_t stream, std::uint64_t i, double a) const noexcept {
        const double u = double(2 * std::int64_t(bits24(stream, i)) + 1 - (std::int64_t(1) << 24)) * 0x1p-24;
        return a * u;
    }
    /// Normal with standard deviation s, by the Irwin-Hall approximation: the sum of 12
    /// uniforms in [0, 1) minus 6 has mean 0 and variance 1; its tails stop at ±6 standard
    /// deviations (a normal draw is beyond that once in 5·10⁸). The sum of the twelve 24-bit
    /// integers is exact, so the result is one rounding of s times an exact value.
    constexpr double normal(std::uint64_t stream, std::uint64_t i, double s) const noexcept {
        std::int64_t sum = 0;
        for (std::uint64_t k = 0; k < 12; ++k) sum += std::int64_t(bits24(stream, 12 * i + k));
        return s * (double(sum - 6 * (std::int64_t(1) << 24)) * 0x1p-24);
    }
};

}  // namespace exprnet::nn
