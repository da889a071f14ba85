/// @file
/// The hand-written Eigen baselines: the same arithmetic as the exprnet programs, written the
/// way a careful person would for these fixed networks. Each is a template over the choices
/// that were measured (storage order of the weights, lazyProduct or Eigen's GEMV/GEMM, the
/// SGD update folded into the weight-gradient product or not, fixed-size or run-time-size
/// maps); the TUs register the fastest as "handwritten" and some alternatives under
/// "handwritten_<variant>" (see bench/README.md).
///
/// All storage is allocated once, at construction; a call allocates nothing (the GEMM packing
/// buffers of Eigen's products are the exception noted in README.md for run-time sizes).
#pragma once

#include "common.hpp"

#include <Eigen/Core>

#include <cmath>

namespace bench::hw {

using Eigen::ColMajor;
using Eigen::Dynamic;
using Eigen::RowMajor;

/// A run-time-size matrix with the given storage order (aligned, heap, allocated once).
template <int Order>
using dmat = Eigen::Matrix<float, Dynamic, Dynamic, Order>;

/// A map of `m` as R × C: fixed-size when Fixed, else run-time sizes (a column stays a
/// vector type either way).
template <int R, int C, bool Fixed, class M>
auto view(M& m) {
    constexpr int order = (R == 1 || C == 1) ? ColMajor : (M::IsRowMajor ? RowMajor : ColMajor);
    constexpr int rows = Fixed ? R : Dynamic, cols = C == 1 ? 1 : (Fixed ? C : Dynamic);
    return Eigen::Map<Eigen::Matrix<float, rows, cols, order>, Eigen::AlignedMax>(m.data(), R, C);
}

/// dst = a * b, as a lazy (coefficient-based, unrolled for fixed sizes) product or through
/// Eigen's GEMV/GEMM.
template <bool Lazy, class D, class A, class B>
void product(D&& dst, const A& a, const B& b) {
    if constexpr (Lazy) dst.noalias() = a.lazyProduct(b);
    else dst.noalias() = a * b;
}

// -----------------------------------------------------------------------------------------
// 2 → 16 tanh → 16 tanh → 2, one sample: everything fixed-size, in registers and on the stack.

/// W1, W2 in storage order Order; W3 (2 × 16) in Order3: row-major makes its product two
/// 16-long dot products instead of 16 two-wide multiply-adds.
template <int Order, int Order3, bool Lazy>
struct tiny_infer {
    Eigen::Matrix<float, 16, 2, Order> W1;
    Eigen::Matrix<float, 16, 16, Order> W2;
    Eigen::Matrix<float, 2, 16, Order3> W3;
    Eigen::Matrix<float, 16, 1> b1, b2;
    Eigen::Matrix<float, 2, 1> b3, x, out;

    explicit tiny_infer(const problem& d)
        : W1(d.W[0]), W2(d.W[1]), W3(d.W[2]), b1(d.b[0]), b2(d.b[1]), b3(d.b[2]), x(d.x) {}

    void forward() {
        Eigen::Matrix<float, 16, 1> h1, h2;
        product<true>(h1, W1, x);  // 16×2 · 2×1 is below Eigen's GEMV threshold either way
        h1 = (h1 + b1).array().tanh();
        product<Lazy>(h2, W2, h1);
        h2 = (h2 + b2).array().tanh();
        product<Lazy>(out, W3, h2);
        out += b3;
    }
    Eigen::MatrixXf output() const { return out; }
};

/// Fold: W -= lr · (δ hᵀ) as one outer-product update, never storing the gradient; else
/// the gradients go to members first and a second pass updates (what an optimizer that is a
/// separate step, like exprnet's arena loop, does). W3 in storage order Order3.
template <bool Fold, int Order3>
struct tiny_train {
    using v2 = Eigen::Matrix<float, 2, 1>;
    using v16 = Eigen::Matrix<float, 16, 1>;
    Eigen::Matrix<float, 16, 2> W1, dW1;
    Eigen::Matrix<float, 16, 16> W2, dW2;
    Eigen::Matrix<float, 2, 16, Order3> W3, dW3;
    v16 b1, b2, db1, db2;
    v2 b3, db3, x, y;

    explicit tiny_train(const problem& d)
        : W1(d.W[0]), W2(d.W[1]), W3(d.W[2]), b1(d.b[0]), b2(d.b[1]), b3(d.b[2]), x(d.x), y(d.y) {}

    float step(float lr) {
        const v16 h1 = (W1.lazyProduct(x) + b1).array().tanh();
        const v16 h2 = (W2.lazyProduct(h1) + b2).array().tanh();
        const v2 s = W3.lazyProduct(h2) + b3;
        // Softmax cross-entropy of one sample; dL/ds = softmax(s) - y.
        const float top = s.maxCoeff();
        const v2 e = (s.array() - top).exp();
        const float total = e.sum();
        const float loss = top + std::log(total) - y.dot(s);
        const v2 ds = e / total - y;
        const v16 dz2 = W3.transpose().lazyProduct(ds).cwiseProduct((1.0f - h2.array().square()).matrix());
        const v16 dz1 = W2.transpose().lazyProduct(dz2).cwiseProduct((1.0f - h1.array().square()).matrix());
        if constexpr (Fold) {
            W3.noalias() -= (lr * ds).lazyProduct(h2.transpose());
            b3 -= lr * ds;
            W2.noalias() -= (lr * dz2).lazyProduct(h1.transpose());
            b2 -= lr * dz2;
            W1.noalias() -= (lr * dz1).lazyProduct(x.transpose());
            b1 -= lr * dz1;
        } else {
            dW3.noalias() = ds.lazyProduct(h2.transpose());
            db3 = ds;
            dW2.noalias() = dz2.lazyProduct(h1.transpose());
            db2 = dz2;
            dW1.noalias() = dz1.lazyProduct(x.transpose());
            db1 = dz1;
            W3 -= lr * dW3, b3 -= lr * db3;
            W2 -= lr * dW2, b2 -= lr * db2;
            W1 -= lr * dW1, b1 -= lr * db1;
        }
        return loss;
    }
    std::vector<Eigen::MatrixXf> weights() const { return {W1, W2, W3}; }
    std::vector<Eigen::VectorXf> biases() const { return {b1, b2, b3}; }
};

// -----------------------------------------------------------------------------------------
// I → 100 relu → 10. The weights are run-time-size matrices (100 × 784 floats is over Eigen's
// 128 KB limit for fixed-size objects), seen through fixed-size or run-time-size maps.

template <int I, int W1Order, bool LazyW1, int W2Order, bool LazyW2, bool Fixed>
struct two_layer_infer {
    static constexpr int H = 100, O = 10;
    dmat<W1Order> W1;
    dmat<W2Order> W2;
    Eigen::VectorXf b1, b2, x, h, out;

    explicit two_layer_infer(const problem& d)
        : W1(d.W[0]), W2(d.W[1]), b1(d.b[0]), b2(d.b[1]), x(d.x), h(H), out(O) {}

    void forward() {
        auto hv = view<H, 1, Fixed>(h);
        auto ov = view<O, 1, Fixed>(out);
        product<LazyW1>(hv, view<H, I, Fixed>(W1), view<I, 1, Fixed>(x));
        hv = (hv + view<H, 1, Fixed>(b1)).cwiseMax(0.0f);
        product<LazyW2>(ov, view<O, H, Fixed>(W2), hv);
        ov += view<O, 1, Fixed>(b2);
    }
    Eigen::MatrixXf output() const { return out; }
};

/// One SGD step of I → 100 relu → 10 on a batch of B columns, softmax cross-entropy averaged
/// over the batch. Fold: W -= lr · (δ aᵀ) straight from the product (Eigen passes -lr to its
/// GEMM as alpha), else the gradients are stored first. LazySmall: the three products that
/// involve W2 (10 × 100) as lazyProduct instead of GEMM.
template <int I, int B, int W1Order, bool Fold, bool Fixed, bool LazySmall>
struct two_layer_train {
    static constexpr int H = 100, O = 10;
    dmat<W1Order> W1, dW1;
    dmat<ColMajor> W2, dW2, X, Y, Hs, S, dH;
    Eigen::VectorXf b1, b2, db1, db2;

    explicit two_layer_train(const problem& d)
        : W1(d.W[0]), dW1(H, I), W2(d.W[1]), dW2(O, H), X(d.x), Y(d.y), Hs(H, B), S(O, B), dH(H, B), b1(d.b[0]),
          b2(d.b[1]), db1(H), db2(O) {}

    float step(float lr) {
        auto w1 = view<H, I, Fixed>(W1);
        auto w2 = view<O, H, Fixed>(W2);
        auto x = view<I, B, Fixed>(X);
        auto y = view<O, B, Fixed>(Y);
        auto h = view<H, B, Fixed>(Hs);
        auto s = view<O, B, Fixed>(S);
        auto dh = view<H, B, Fixed>(dH);
        auto bias1 = view<H, 1, Fixed>(b1);
        auto bias2 = view<O, 1, Fixed>(b2);

        // Forward.
        h.noalias() = w1 * x;
        h = (h.colwise() + bias1).cwiseMax(0.0f);
        product<LazySmall>(s, w2, h);
        s.colwise() += bias2;

        // Softmax cross-entropy, column by column; s becomes dL/ds = (softmax(s) - y) / B.
        float loss = 0;
        for (int j = 0; j < B; ++j) {
            auto c = s.col(j);
            const float top = c.maxCoeff();
            loss += top - y.col(j).dot(c);
            c = (c.array() - top).exp();
            const float total = c.sum();
            loss += std::log(total);
            c = (c / total - y.col(j)) * (1.0f / B);
        }
        loss *= 1.0f / B;

        // Backward: dL/dh = W2ᵀ ds, through relu.
        product<LazySmall>(dh, w2.transpose(), s);
        dh = (h.array() > 0.0f).select(dh, 0.0f);

        // Gradients and SGD.
        if constexpr (Fold) {
            if constexpr (LazySmall) w2.noalias() -= (lr * s).lazyProduct(h.transpose());
            else w2.noalias() -= (lr * s) * h.transpose();
            bias2 -= lr * s.rowwise().sum();
            w1.noalias() -= (lr * dh) * x.transpose();
            bias1 -= lr * dh.rowwise().sum();
        } else {
            auto dw1 = view<H, I, Fixed>(dW1);
            auto dw2 = view<O, H, Fixed>(dW2);
            product<LazySmall>(dw2, s, h.transpose());
            view<O, 1, Fixed>(db2) = s.rowwise().sum();
            dw1.noalias() = dh * x.transpose();
            view<H, 1, Fixed>(db1) = dh.rowwise().sum();
            w2 -= lr * dw2;
            bias2 -= lr * view<O, 1, Fixed>(db2);
            w1 -= lr * dw1;
            bias1 -= lr * view<H, 1, Fixed>(db1);
        }
        return loss;
    }
    std::vector<Eigen::MatrixXf> weights() const { return {W1, W2}; }
    std::vector<Eigen::VectorXf> biases() const { return {b1, b2}; }
};

}  // namespace bench::hw
