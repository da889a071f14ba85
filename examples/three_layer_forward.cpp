// The forward pass of CS231n's 3-layer network with sigmoid activations:
//   h1 = f(W1 x + b1) (4x1), h2 = f(W2 h1 + b2) (4x1), out = W3 h2 + b3 (1x1), f = sigmoid.
// exprnet evaluates it and derives the gradient of W1 through all three layers; both are
// compared with the same computation written by hand with Eigen.
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

using namespace exprnet;

constexpr auto x  = input<"x", 3>;  // a random input vector of three numbers (3x1)
constexpr auto W1 = param<"W1", 4, 3>;
constexpr auto b1 = param<"b1", 4>;
constexpr auto W2 = param<"W2", 4, 4>;
constexpr auto b2 = param<"b2", 4>;
constexpr auto W3 = param<"W3", 1, 4>;
constexpr auto b3 = param<"b3", 1>;

constexpr auto h1  = sigmoid(W1 * x + b1);   // first hidden layer (4x1)
constexpr auto h2  = sigmoid(W2 * h1 + b2);  // second hidden layer (4x1)
constexpr auto out = W3 * h2 + b3;           // output neuron (1x1)
constexpr auto L   = sum(out);

int main() {
    std::printf("out = %s\n\n", to_string(out).c_str());
    // The chain rule, one layer at a time: each adjoint is built from the one above it.
    std::printf("dL/dh2 = %s\n", to_string(grad_t<decltype(L), decltype(h2)>{}).c_str());
    std::printf("dL/dh1 = %s\n", to_string(grad_t<decltype(L), decltype(h1)>{}).c_str());
    std::printf("dL/dW1 = %s\n\n", to_string(grad(L, W1)).c_str());

    params_for<decltype(L), double> p;
    grads_for<decltype(L), double> g;
    std::mt19937 rng(4);
    std::normal_distribution<double> normal;
    p.for_each([&](auto, auto m) { m = m.unaryExpr([&](double) { return normal(rng); }); });
    Eigen::Vector3d xs;
    xs << normal(rng), normal(rng), normal(rng);  // x = np.random.randn(3, 1)

    auto forward = compile<scalar_type<double>>(out);  // batch<1>: one column
    auto train = compile<scalar_type<double>>(L, wrt(W1, b1, W2, b2, W3, b3));
    const double value = forward(p, x = xs)(0, 0);
    train(p, g, x = xs);

    // The same, by hand.
    const auto f = [](const Eigen::Vector4d& v) -> Eigen::Vector4d { return 1.0 / (1.0 + (-v.array()).exp()); };
    const Eigen::Vector4d a1 = f(p[W1] * xs + p[b1]);
    const Eigen::Vector4d a2 = f(p[W2] * a1 + p[b2]);
    const double by_hand = (p[W3] * a2 + p[b3])(0, 0);
    // Backward: dL/dout = 1; matmul gives W3ᵀ; sigmoid multiplies by h ⊙ (1 - h); and so on.
    const Eigen::Vector4d d2 = p[W3].transpose().array() * a2.array() * (1.0 - a2.array());
    const Eigen::Vector4d d1 = (p[W2].transpose() * d2).array() * a1.array() * (1.0 - a1.array());
    const Eigen::Matrix<double, 4, 3> dW1 = d1 * xs.transpose();

    std::printf("out = %.9f (by hand %.9f)\n", value, by_hand);
    std::printf("dL/dW1 =\n");
    for (int r = 0; r < 4; ++r)
        std::printf("  %10.6f %10.6f %10.6f    by hand %10.6f %10.6f %10.6f\n", g[W1](r, 0), g[W1](r, 1),
                    g[W1](r, 2), dW1(r, 0), dW1(r, 1), dW1(r, 2));

    const double error = std::max({std::abs(value - by_hand), (g[W1] - dW1).cwiseAbs().maxCoeff(),
                                   (g[b1] - d1).cwiseAbs().maxCoeff(), (g[W2] - d2 * a1.transpose()).cwiseAbs().maxCoeff(),
                                   (g[W3] - a2.transpose()).cwiseAbs().maxCoeff(), std::abs(g[b3](0) - 1.0)});
    if (error > 1e-12) {
        std::printf("FAILED: exprnet and the hand-written network differ by %.3g\n", error);
        return 1;
    }
    std::printf("OK: forward value and every gradient equal the hand-written ones (error %.1e)\n", error);
    return 0;
}
