// Symbols, shapes and broadcasting, constants, identity and losses (docs/expressions.md).
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

#include <cstdio>
#include <type_traits>

using namespace exprnet;
using namespace exprnet::literals;

constexpr auto x = input<"x", 3>;      // 3 x N: one column per sample
constexpr auto y = input<"y", 2>;      // 2 x N
constexpr auto W = param<"W", 2, 3>;   // 2 x 3
constexpr auto b = param<"b", 2>;      // 2 x 1, a column
constexpr auto r = param<"r", 1, 3>;   // 1 x 3, a row
constexpr auto s = param<"s", 1>;      // 1 x 1, a number

constexpr auto h = W * x + b;          // 2 x N: b is repeated for every sample
constexpr auto shifted = W + r;        // 2 x 3: r is added to every row of W
constexpr auto scaled = s * h + 0.5_c; // 1 x 1 times a matrix scales it; 0.5 is added everywhere
static_assert(h.rows == 2 && h.cols == batch_dim && shifted.cols == 3);

// Identity is structure: one subexpression, one type, however it was written.
template <class A, class B>
constexpr bool same = std::is_same_v<std::remove_cvref_t<A>, std::remove_cvref_t<B>>;
static_assert(same<decltype(max(0_c, h)), decltype(relu(W * x + b))>);
static_assert(same<decltype(1_c * h + 0_c), decltype(h)>);       // simplified away
static_assert(same<decltype(transpose(transpose(W))), decltype(W)>);
static_assert(!same<decltype(W * x + b), decltype(b + W * x)>);  // no commutativity

constexpr auto losses = svm_loss(h, y) + mse(h, y) + mean(h) + 1e-3_c * sum_sq(W);

int main() {
    std::printf("h       = %s\nshifted = %s\nscaled  = %s\nlosses  = %s\n\n", to_string(h).c_str(),
                to_string(shifted).c_str(), to_string(scaled).c_str(), to_string(losses).c_str());

    params_for<decltype(losses + sum(scaled) + sum(shifted))> p;
    p.for_each([](auto, auto m) { m.setRandom(); });
    const Eigen::Matrix<float, 3, 4> xs = Eigen::Matrix<float, 3, 4>::Random();
    const Eigen::Matrix<float, 2, 4> ys{{1, 0, 1, 0}, {0, 1, 0, 1}};

    // The same values written with Eigen's own broadcasting.
    const Eigen::Matrix<float, 2, 4> h_ref = (p[W] * xs).colwise() + p[b];
    const Eigen::Matrix<float, 2, 3> shifted_ref = p[W].rowwise() + p[r].row(0);
    const Eigen::Matrix<float, 2, 4> scaled_ref = (p[s](0) * h_ref).array() + 0.5f;
    const float mse_ref = (h_ref - ys).squaredNorm() / 8;

    auto h_program = compile<batch<4>>(h);
    auto scaled_program = compile<batch<4>>(scaled);
    auto shifted_program = compile(shifted);  // no input: no batch
    auto mse_program = compile<batch<4>>(mse(h, y));
    const float errors[] = {(h_program(p, x = xs) - h_ref).cwiseAbs().maxCoeff(),
                            (scaled_program(p, x = xs) - scaled_ref).cwiseAbs().maxCoeff(),
                            (shifted_program(p) - shifted_ref).cwiseAbs().maxCoeff(),
                            std::abs(mse_program(p, x = xs, y = ys)(0, 0) - mse_ref)};
    for (float e : errors) {
        if (e > 1e-6f) {
            std::printf("FAILED: exprnet and Eigen differ by %g\n", e);
            return 1;
        }
    }
    std::printf("h, shifted, scaled and mse(h, y) equal their Eigen counterparts\n");
    return 0;
}
