// What both versions of the example compute, the exprnet one (exprnet_nets.cpp) and the
// hand-written Eigen one (handwritten_nets.cpp): the same nets, data and initial weights, built
// from exact integer-to-float steps so that the host and the target start from the same bits.
#pragma once

#include <array>
#include <cstdint>

namespace demo {

// ---- Inference: the classify2d spiral net, 2 -> 20 ReLU -> 3 class scores, with the weights
// the host trained (spiral_weights.hpp, written by bake_spiral_weights.cpp), on an 8x8 grid.
inline constexpr int spiral_hidden = 20;
inline constexpr int spiral_classes = 3;
inline constexpr int grid_side = 8;
constexpr float grid_coordinate(int i) { return -1.0f + 0.25f * float(i); }  // -1, -0.75, ..., 0.75

// ---- On-device training: 2 -> 16 tanh -> 16 tanh -> 2 with softmax cross-entropy and SGD on
// 16 points of a 4x4 grid labelled like XOR (class 0 where x and y have the same sign), in
// mini-batches of 4, one point of each grid row per batch.
inline constexpr int train_hidden = 16;
inline constexpr int train_classes = 2;
inline constexpr int train_points = 16;
inline constexpr int train_batch = 4;
inline constexpr int train_steps = 60;
inline constexpr float learning_rate = 0.25f;

constexpr float train_coordinate(int i) { return -0.75f + 0.5f * float(i); }  // -0.75 ... 0.75
/// Point p of mini-batch b: row k = p, column (k + b) % 4 of the grid.
constexpr int batch_point(int b, int p) { return 4 * p + (p + b) % 4; }
constexpr float point_x(int i) { return train_coordinate(i % 4); }
constexpr float point_y(int i) { return train_coordinate(i / 4); }
constexpr int point_label(int i) { return (point_x(i) > 0) == (point_y(i) > 0) ? 0 : 1; }

/// Initial weights, row-major: uniform in [-scale, scale] in steps of scale/1024, from a
/// 64-bit LCG (Knuth's MMIX constants) seeded per matrix. Biases start at zero.
template <int Rows, int Cols>
constexpr std::array<float, Rows * Cols> initial_weights(std::uint64_t seed, float scale) {
    std::array<float, Rows * Cols> w{};
    std::uint64_t state = seed;
    for (auto& v : w) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        v = scale * float(int((state >> 33) % 2049) - 1024) / 1024.0f;
    }
    return w;
}

inline constexpr auto W1_init = initial_weights<train_hidden, 2>(1, 1.0f);
inline constexpr auto W2_init = initial_weights<train_hidden, train_hidden>(2, 0.5f);
inline constexpr auto W3_init = initial_weights<train_classes, train_hidden>(3, 0.5f);
inline constexpr std::array<float, train_hidden> b1_init{};
inline constexpr std::array<float, train_hidden> b2_init{};
inline constexpr std::array<float, train_classes> b3_init{};

}  // namespace demo
