// CS231n's Neuron: firing_rate = sigmoid(sum(inputs * weights) + bias), as an exprnet
// expression. Its gradients come from the chain rule applied at compile time; they are checked
// against the derivative written by hand, dσ/dz = σ(1 - σ), and against centred differences.
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace exprnet;

constexpr auto x = input<"x", 3>;     // the inputs (dendrites), one column per sample
constexpr auto w = param<"w", 1, 3>;  // the weights, a row
constexpr auto b = param<"b", 1, 1>;  // the bias, a number

constexpr auto neuron = sigmoid(w * x + b);  // one firing rate per sample
constexpr auto L = sum(neuron);              // a loss: the sum over the batch

int main() {
    std::printf("neuron  = %s\nL       = %s\n", to_string(neuron).c_str(), to_string(L).c_str());
    std::printf("dL/dw   = %s\ndL/db   = %s\n\n", to_string(grad(L, w)).c_str(), to_string(grad(L, b)).c_str());

    using options = scalar_type<double>;
    auto fire = compile<batch<4>, options>(neuron);
    auto train = compile<batch<4>, options>(L, wrt(w, b));

    params_for<decltype(L), double> p;
    grads_for<decltype(L), double> g;
    p[w] << 0.5, -1.0, 2.0;
    p[b] << -0.25;
    Eigen::Matrix<double, 3, 4> xs;  // four samples
    xs << 1.0, 0.0, -1.0, 0.5,
          2.0, 1.0, 0.5, -0.5,
          0.0, 1.0, 0.25, 1.5;

    const Eigen::Matrix<double, 1, 4> rates = fire(p, x = xs);
    const double loss = train(p, g, x = xs);

    // By hand: z = w x + b, σ = 1 / (1 + e^-z), dL/dz = σ(1 - σ), dL/dw = Σ dL/dz xᵀ, dL/db = Σ dL/dz.
    const Eigen::Matrix<double, 1, 4> z = (p[w] * xs).array() + p[b](0, 0);
    const Eigen::Matrix<double, 1, 4> s = (1.0 / (1.0 + (-z.array()).exp())).matrix();
    const Eigen::Matrix<double, 1, 4> dz = s.array() * (1.0 - s.array());
    const Eigen::Matrix<double, 1, 3> dw = dz * xs.transpose();
    const double db = dz.sum();

    // Numerically: centred differences of L, (L(w + h) - L(w - h)) / 2h, one weight at a time.
    Eigen::Matrix<double, 1, 3> dw_numeric;
    auto forward = compile<batch<4>, options>(L);
    const double h = 1e-5;
    for (int i = 0; i < 3; ++i) {
        const double saved = p[w](0, i);
        p[w](0, i) = saved + h;
        const double up = forward(p, x = xs)(0, 0);
        p[w](0, i) = saved - h;
        const double down = forward(p, x = xs)(0, 0);
        p[w](0, i) = saved;
        dw_numeric(0, i) = (up - down) / (2 * h);
    }

    std::printf("firing rates   %8.5f %8.5f %8.5f %8.5f\n", rates(0), rates(1), rates(2), rates(3));
    std::printf("by hand        %8.5f %8.5f %8.5f %8.5f\n", s(0), s(1), s(2), s(3));
    std::printf("L = %.6f (by hand %.6f)\n", loss, s.sum());
    std::printf("dL/dw exprnet  %9.6f %9.6f %9.6f   dL/db %9.6f\n", g[w](0), g[w](1), g[w](2), g[b](0));
    std::printf("dL/dw by hand  %9.6f %9.6f %9.6f   dL/db %9.6f\n", dw(0), dw(1), dw(2), db);
    std::printf("dL/dw numeric  %9.6f %9.6f %9.6f\n", dw_numeric(0), dw_numeric(1), dw_numeric(2));

    const double error = std::max({(rates - s).cwiseAbs().maxCoeff(), std::abs(loss - s.sum()),
                                   (g[w] - dw).cwiseAbs().maxCoeff(), std::abs(g[b](0, 0) - db)});
    const double numeric_error = (g[w] - dw_numeric).cwiseAbs().maxCoeff();
    if (error > 1e-12 || numeric_error > 1e-8) {
        std::printf("FAILED: error %.3g against the hand derivative, %.3g against centred differences\n", error,
                    numeric_error);
        return 1;
    }
    std::printf("OK: equal to the hand derivative (error %.1e) and to centred differences (error %.1e)\n", error,
                numeric_error);
    return 0;
}
