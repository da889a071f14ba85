// Maxout (Goodfellow et al. 2013), from CS231n's list of activations: a layer that outputs
// max(W1 x + b1, W2 x + b2) elementwise, used here as the hidden layer of a small classifier
// trained with CS231n's multiclass SVM loss. The max gate routes each gradient to the piece
// that won, [a ≥ b] or [a < b]; the example prints that rule and checks every gradient
// against a hand-written Eigen backward pass.
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

using namespace exprnet;

constexpr int inputs = 4, hidden = 6, classes = 3, n = 8;

constexpr auto x  = input<"x", inputs>;
constexpr auto y  = input<"y", classes>;
constexpr auto W1 = param<"W1", hidden, inputs>;
constexpr auto b1 = param<"b1", hidden>;
constexpr auto W2 = param<"W2", hidden, inputs>;
constexpr auto b2 = param<"b2", hidden>;
constexpr auto W3 = param<"W3", classes, hidden>;
constexpr auto b3 = param<"b3", classes>;

constexpr auto maxout = max(W1 * x + b1, W2 * x + b2);
constexpr auto scores = W3 * maxout + b3;
constexpr auto loss = svm_loss(scores, y);

// To show the max gate's rule alone, let an input G play the gradient arriving from above.
constexpr auto G = input<"G", hidden>;
constexpr auto gate = sum(hadamard(G, maxout));

using Loss = decltype(loss);
template <int R, int C>
using mat = Eigen::Matrix<double, R, C>;

int main() {
    std::printf("maxout layer: %s\n", to_string(maxout).c_str());
    std::printf("the max gate routes the gradient G from above to the piece that won:\n");
    std::printf("  d/dW1 sum(G ⊙ maxout) = %s\n", to_string(grad(gate, W1)).c_str());
    std::printf("  d/dW2 sum(G ⊙ maxout) = %s\n", to_string(grad(gate, W2)).c_str());
    std::printf("  d/db2 sum(G ⊙ maxout) = %s\n\n", to_string(grad(gate, b2)).c_str());
    std::printf("network: %s\nloss:    %s\n\n", to_string(scores).c_str(), to_string(loss).c_str());

    params_for<Loss, double> p;
    grads_for<Loss, double> g;
    std::mt19937 rng(2013);
    std::normal_distribution<double> normal;
    p.for_each([&](auto, auto m) { m = m.unaryExpr([&](double) { return 0.5 * normal(rng); }); });
    p[b1].setZero();
    p[b2].setZero();
    mat<inputs, n> xs = mat<inputs, n>::Zero().unaryExpr([&](double) { return normal(rng); });
    mat<classes, n> ys = mat<classes, n>::Zero();
    for (int j = 0; j < n; ++j) ys(j % classes, j) = 1.0;

    auto train = compile<batch<n>, scalar_type<double>>(loss, wrt(W1, b1, W2, b2, W3, b3));
    const double L = train(p, g, x = xs, y = ys);

    // By hand. Forward:
    const mat<hidden, n> a = (p[W1] * xs).colwise() + p[b1];
    const mat<hidden, n> b = (p[W2] * xs).colwise() + p[b2];
    const mat<hidden, n> m = a.cwiseMax(b);
    const mat<classes, n> s = (p[W3] * m).colwise() + p[b3];
    // SVM loss: sum over j != y of max(0, s_j - s_y + 1), averaged over the batch; its gradient
    // is 1 for every positive margin and minus their count for the correct class.
    mat<classes, n> ds = mat<classes, n>::Zero();
    double by_hand = 0;
    for (int j = 0; j < n; ++j) {
        const int label = j % classes;
        for (int k = 0; k < classes; ++k) {
            const double margin = s(k, j) - s(label, j) + 1.0;
            if (k != label && margin > 0) {
                by_hand += margin / n;
                ds(k, j) += 1.0 / n;
                ds(label, j) -= 1.0 / n;
            }
        }
    }
    // Backward: W3ᵀ G reaches the max gate, which routes it to a where a ≥ b, else to b.
    const mat<hidden, n> dm = p[W3].transpose() * ds;
    const mat<hidden, n> to_a = (a.array() >= b.array()).cast<double>();
    const mat<hidden, n> da = dm.cwiseProduct(to_a);
    const mat<hidden, n> db = dm.cwiseProduct(mat<hidden, n>::Ones() - to_a);

    std::printf("loss %.9f (by hand %.9f)\n", L, by_hand);
    std::printf("of %d hidden values, %d took the first piece (W1 x + b1) and %d the second\n", hidden * n,
                int(to_a.sum()), hidden * n - int(to_a.sum()));

    const double error = std::max({std::abs(L - by_hand),
                                   (g[W3] - ds * m.transpose()).cwiseAbs().maxCoeff(),
                                   (g[b3] - ds.rowwise().sum()).cwiseAbs().maxCoeff(),
                                   (g[W1] - da * xs.transpose()).cwiseAbs().maxCoeff(),
                                   (g[b1] - da.rowwise().sum()).cwiseAbs().maxCoeff(),
                                   (g[W2] - db * xs.transpose()).cwiseAbs().maxCoeff(),
                                   (g[b2] - db.rowwise().sum()).cwiseAbs().maxCoeff()});
    if (error > 1e-12) {
        std::printf("FAILED: exprnet and the hand-written backward pass differ by %.3g\n", error);
        return 1;
    }
    std::printf("OK: the loss and all six gradients equal the hand-written ones (error %.1e)\n", error);
    return 0;
}
