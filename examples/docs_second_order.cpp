// Second order (docs/second-order.md): CS231n's sigmoid neuron fitted by Newton's method with
// the exact Hessian, against gradient descent on the same loss; the jvp and hvp expressions the
// compiler derives; an hvp call checked against the dense Hessian.
#include <exprnet/exprnet.hpp>

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>

#include <cmath>
#include <cstdio>
#include <random>

using namespace exprnet;
using namespace exprnet::literals;

constexpr int n = 200;
constexpr auto x = input<"x", 2>;
constexpr auto t = input<"t", 1>;  // 0 or 1
constexpr auto w = param<"w", 1, 2>;
constexpr auto b = param<"b", 1>;
constexpr auto s = w * x + b;
// The neuron sigmoid(s) under the cross-entropy, written with log_sigmoid (stable), and a
// little L2: a convex loss with one minimum.
constexpr auto loss = -mean(hadamard(t, log_sigmoid(s)) + hadamard(1_c - t, log_sigmoid(-s))) + 1e-3_c * sum_sq(w);

int main() {
    // Two overlapping clouds, class 1 around (1, 10) and class 0 around (-1, 0), the second
    // feature on a scale ten times the first's and not zero-centred (as raw features often are:
    // the loss's curvature differs by orders of magnitude between directions).
    std::mt19937 rng(7);
    std::normal_distribution<double> noise(0.0, 1.0);
    Eigen::Matrix<double, 2, n> xb;
    Eigen::Matrix<double, 1, n> tb;
    for (int j = 0; j < n; ++j) {
        tb(0, j) = j % 2;
        xb(0, j) = (j % 2 ? 1.0 : -1.0) + noise(rng);
        xb(1, j) = 5.0 + 10.0 * ((j % 2 ? 0.5 : -0.5) + noise(rng));
    }

    std::printf("ds       = %s\n", to_string(jvp(s, wrt(w, b))).c_str());
    std::printf("(H v)_b  = %s\n\n", to_string(hvp(loss, wrt(w, b))[b]).c_str());

    auto gradient = compile<batch<n>, scalar_type<double>>(loss, wrt(w, b));
    auto hess = compile<batch<n>, scalar_type<double>>(hessian(loss, wrt(w, b)));
    params_for<decltype(loss), double> p;
    grads_for<decltype(loss), double> g;
    Eigen::Matrix3d H;
    constexpr double tolerance = 1e-8;  // on the gradient's norm

    // Newton: p <- p - H⁻¹ ∇L, with H exact (3 hvp calls per step, one per column).
    p.set_zero();
    int newton_steps = 0;
    double newton_loss = gradient(p, g, x = xb, t = tb);
    while (g.flat().norm() > tolerance && newton_steps < 100) {
        hess(p, H, x = xb, t = tb);
        const Eigen::Vector3d grad_wb(g[w](0, 0), g[w](0, 1), g[b](0, 0));  // the Hessian's order: w, then b
        const Eigen::Vector3d step = H.ldlt().solve(grad_wb);
        p[w](0, 0) -= step(0);
        p[w](0, 1) -= step(1);
        p[b](0, 0) -= step(2);
        newton_loss = gradient(p, g, x = xb, t = tb);
        std::printf("Newton step %d: loss %.12f, |grad| %.2e\n", ++newton_steps, newton_loss, g.flat().norm());
    }
    const Eigen::Matrix3d H_at_minimum = H;

    // Gradient descent from the same start, with the largest safe fixed step: 1 / (the Hessian's
    // largest eigenvalue at the minimum).
    const double lr = 1.0 / Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d>(H_at_minimum).eigenvalues().maxCoeff();
    p.set_zero();
    int descent_steps = 0;
    double descent_loss = gradient(p, g, x = xb, t = tb);
    while (g.flat().norm() > tolerance && descent_steps < 1000000) {
        p.flat() -= lr * g.flat();
        descent_loss = gradient(p, g, x = xb, t = tb);
        ++descent_steps;
    }
    std::printf("\nto |grad| < %.0e: Newton %d steps, gradient descent (lr %.3f) %d steps\n", tolerance, newton_steps, lr, descent_steps);
    std::printf("loss at the minimum: Newton %.12f, gradient descent %.12f\n", newton_loss, descent_loss);

    // One hvp call is one column combination of H: H v for v = (1, -1, 2).
    auto product = compile<batch<n>, scalar_type<double>>(hvp(loss, wrt(w, b)));
    params_for<decltype(loss), double> v;
    grads_for<decltype(loss), double> hv;
    v[w] << 1.0, -1.0;
    v[b](0, 0) = 2.0;
    product(p, v, hv, x = xb, t = tb);
    hess(p, H, x = xb, t = tb);
    const Eigen::Vector3d by_columns = H * Eigen::Vector3d(1.0, -1.0, 2.0);
    const double difference = (by_columns - Eigen::Vector3d(hv[w](0, 0), hv[w](0, 1), hv[b](0, 0))).norm();
    std::printf("H v: (%.6f, %.6f, %.6f); |H v - hvp(v)| = %.1e\n", by_columns(0), by_columns(1), by_columns(2), difference);

    const bool ok = newton_steps <= 10 && descent_steps >= 100 && std::abs(newton_loss - descent_loss) < 1e-12 && difference < 1e-12;
    return ok ? 0 : 1;
}
