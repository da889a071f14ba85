/// @file
/// Test support: deterministic data, a norm-wise relative error, and the CS231n networks
/// written by hand with plain dynamic Eigen matrices (forward and backward), to check
/// exprnet's programs against code that shares nothing with the library.
///
/// The references compute in double, whatever the scalar of the program under test: a float
/// program is fed float data, the same values are widened to double for the reference, and
/// the float result must be within float tolerance of the double one. Products are written
/// `a.lazyProduct(b)` (Eigen's coefficient-based product): they share no kernel with the GEMM
/// the library runs, and they keep each test file fast to compile (Eigen's GEMM costs seconds
/// per instantiation at -O1 -g).
#pragma once

#include <Eigen/Core>

#include <cmath>
#include <cstdint>
#include <type_traits>

namespace reference {

using mat = Eigen::MatrixXd;
using vec = Eigen::VectorXd;

/// splitmix64: the same numbers on every platform and standard library.
class rng {
public:
    explicit rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    /// Uniform in [-1, 1), with 24 significant bits: exactly representable in float, so a
    /// float program and the double reference see the same numbers.
    double uniform() { return double(next() >> 40) * 0x1.0p-23 - 1.0; }

private:
    std::uint64_t state_;
};

/// Fills any dense Eigen object (a map into an arena, a matrix) with scale * uniform[-1, 1).
/// Use a power of two for scale to keep the values exact in float.
template <class M>
void fill(M&& m, rng& r, double scale = 1.0) {
    using S = typename std::remove_cvref_t<M>::Scalar;
    for (Eigen::Index j = 0; j < m.cols(); ++j)
        for (Eigen::Index i = 0; i < m.rows(); ++i) m(i, j) = S(scale * r.uniform());
}

/// A dynamic matrix of the program's scalar type S.
template <class S>
using matrix_of = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;

/// A matrix of the program's scalar type S, filled as above.
template <class S>
matrix_of<S> random(Eigen::Index rows, Eigen::Index cols, rng& r, double scale = 1.0) {
    matrix_of<S> m(rows, cols);
    fill(m, r, scale);
    return m;
}

/// One-hot labels, classes x n, with a label drawn per column.
template <class S>
matrix_of<S> one_hot(Eigen::Index classes, Eigen::Index n, rng& r) {
    matrix_of<S> y = matrix_of<S>::Zero(classes, n);
    for (Eigen::Index j = 0; j < n; ++j) y(Eigen::Index(r.next() % std::uint64_t(classes)), j) = S(1);
    return y;
}

/// Any Eigen object (a map into an arena, a program's output) as a double matrix.
template <class M>
mat wide(const M& m) {
    return m.template cast<double>();
}

/// ||a - b|| / ||b|| (Frobenius), the error measure of every comparison; for a zero reference,
/// the absolute error. `a` is what exprnet computed, `b` the reference.
inline double rel_err(const mat& a, const mat& b) {
    if (a.rows() != b.rows() || a.cols() != b.cols()) return HUGE_VAL;
    const double den = b.norm();
    return den > 0 ? (a - b).norm() / den : (a - b).norm();
}
inline double rel_err(double a, double b) { return b != 0 ? std::abs(a - b) / std::abs(b) : std::abs(a); }

/// Tolerance of a program in scalar S against the double reference.
template <class S>
constexpr double tolerance() {
    return sizeof(S) == sizeof(float) ? 1e-5 : 1e-12;
}

inline mat sigmoid(const mat& z) {
    return z.unaryExpr([](double v) { return 1.0 / (1.0 + std::exp(-v)); });
}

/// Column-wise softmax, the stable way (subtract the column maximum).
inline mat softmax(const mat& scores) {
    mat p(scores.rows(), scores.cols());
    for (Eigen::Index j = 0; j < scores.cols(); ++j) {
        const double top = scores.col(j).maxCoeff();
        double total = 0;
        for (Eigen::Index i = 0; i < scores.rows(); ++i) total += (p(i, j) = std::exp(scores(i, j) - top));
        p.col(j) /= total;
    }
    return p;
}

/// Mean over the columns of -log p[label] (labels one-hot).
inline double cross_entropy(const mat& probs, const mat& y) {
    double total = 0;
    for (Eigen::Index j = 0; j < probs.cols(); ++j) {
        Eigen::Index label = 0;
        y.col(j).maxCoeff(&label);
        total -= std::log(probs(label, j));
    }
    return total / double(probs.cols());
}

/// x with the column b added to every column.
inline mat plus_column(mat x, const mat& b) {
    x.colwise() += b.col(0);
    return x;
}

/// CS231n's two-layer net: scores = W2 relu(W1 x + b1) + b2, softmax cross-entropy,
/// loss = data loss + reg (|W1|^2 + |W2|^2), and its backward pass written out by hand.
/// Leave b1, b2 zero and reg 0 for the bias-free net.
struct two_layer {
    mat W1, W2, b1, b2;
    double reg = 0;

    // Results of forward() / backward().
    mat h, scores, probs;
    double loss = 0;
    mat dW1, dW2, db1, db2;

    void forward(const mat& x) {
        h = plus_column(W1.lazyProduct(x), b1).cwiseMax(0.0);
        scores = plus_column(W2.lazyProduct(h), b2);
    }

    void backward(const mat& x, const mat& y) {
        forward(x);
        const auto n = double(x.cols());
        probs = softmax(scores);
        loss = cross_entropy(probs, y) + reg * (W1.squaredNorm() + W2.squaredNorm());
        const mat dscores = (probs - y) / n;
        dW2 = dscores.lazyProduct(h.transpose()) + 2 * reg * W2;
        db2 = dscores.rowwise().sum();
        const mat dh = W2.transpose().lazyProduct(dscores);
        const mat dz = dh.cwiseProduct((h.array() > 0).cast<double>().matrix());
        dW1 = dz.lazyProduct(x.transpose()) + 2 * reg * W1;
        db1 = dz.rowwise().sum();
    }
};

}  // namespace reference
