/// @file
/// Defines the op tags that only backward passes build: masks that route a gradient
/// ([h > 0], [a >= b], [a < b]) and the local slopes of leaky_relu and elu computed from
/// their forward output.
/// Shapes: elementwise. Backward: none (they are constants to first order).
/// Evaluation: eval/ops.hpp; fused into the gradient's Eigen expression.
#pragma once

#include <bit>
#include <cstdint>
#include <string_view>

namespace exprnet {

/// [x > 0]: 1 where positive, else 0.
struct positive_mask_op {
    static constexpr std::string_view name = "positive_mask";
};
/// [a >= b]: where max(a, b) chose a.
struct ge_mask_op {
    static constexpr std::string_view symbol = " ≥ ";
};
/// [a < b]: where max(a, b) chose b.
struct lt_mask_op {
    static constexpr std::string_view symbol = " < ";
};
/// leaky_relu' from the output h: 1 where h > 0, else the slope.
template <std::uint64_t SlopeBits>
struct leaky_slope_op {
    static constexpr std::string_view name = "leaky_slope";
    static constexpr double slope = std::bit_cast<double>(SlopeBits);
};
/// elu' from the output h: 1 where h > 0, else h + 1 (= exp(x)).
struct elu_slope_op {
    static constexpr std::string_view name = "elu_slope";
};

}  // namespace exprnet
