/// @file
/// Defines how exprnet aligns its memory: `buffer_padding` (every param, gradient and
/// workspace buffer starts at a multiple of this many scalars), `padded_size` (the room a
/// buffer of n scalars takes) and `block_alignment` (the bytes an arena or a fixed workspace
/// block is aligned to).
/// On a host: 16 scalars and 64 bytes (a cache line; whole AVX-512 vectors). In freestanding
/// builds (EXPRNET_FREESTANDING): 4 scalars and 16 bytes, what Eigen's aligned maps need; a
/// Cortex-M has no wider SIMD or cache lines to serve, and padding there is RAM lost.
/// Shapes/Backward: none. Evaluation: eval/arena.hpp and eval/plan.hpp lay buffers out with these.
#pragma once

#include <cstddef>

namespace exprnet {

#ifdef EXPRNET_FREESTANDING
inline constexpr std::size_t buffer_padding = 4;
inline constexpr std::size_t block_alignment = 16;
#else
inline constexpr std::size_t buffer_padding = 16;
inline constexpr std::size_t block_alignment = 64;
#endif

/// n scalars rounded up to a multiple of `buffer_padding`: the room a buffer of n scalars takes
/// in an arena or in the workspace, so that the next one starts aligned.
constexpr std::size_t padded_size(std::size_t n) noexcept {
    return (n + buffer_padding - 1) / buffer_padding * buffer_padding;
}

}  // namespace exprnet
