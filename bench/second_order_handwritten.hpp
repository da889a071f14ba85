/// @file
/// Hand-written Eigen, the second-order workloads (second_order.hpp) on 784 → 100 relu → 10,
/// batch 64, written the way bench/handwritten.hpp writes the training step (W1 row-major,
/// fixed-size maps, Eigen's GEMM for the products with W1, all storage allocated once):
///   - the gradient: forward, then backward into four gradient matrices (no SGD update);
///   - H·v by Pearlmutter's R-op: the forward pass and its tangent along v, the backward pass
///     and its tangent, keeping only the tangents of the gradients (the gradients themselves,
///     dW1 in particular, are never formed): three products with 784 × 64 operands (W1 X, V1 X,
///     R(dZ1) Xᵀ), against two for the gradient;
///   - J·v of the scores: the forward pass and its tangent (W1 X only for the relu's mask).
/// LazySmall: the products with W2 or V2 (10 × 100) as lazyProduct instead of Eigen's GEMM/GEMV;
/// "handwritten" is Eigen's GEMM (the faster on the machine of docs/performance.md, for all three
/// calls), "handwritten_lazy_small" the other.
/// The H·v and J·v systems are checked against exprnet's results too, besides the double reference.
/// Registered by second_order_handwritten.cpp (gradient, J·v) and second_order_handwritten_hvp.cpp
/// (H·v), two TUs to keep each one's compile time low.
#pragma once

#include "handwritten.hpp"
#include "second_order.hpp"

namespace bench::second_order::hand {

using namespace bench::hw;

inline constexpr int I = 784, Hd = 100, O = 10, B = 64;

/// Params, direction, data and every buffer, allocated once.
struct hw_state {
    dmat<RowMajor> W1, V1, G1;  // G1: dW1 or H·v for W1, row-major like W1
    dmat<ColMajor> W2, V2, G2, X, Y, Hs, RH, S, RS, DH;
    Eigen::VectorXf b1, vb1, g1, b2, vb2, g2;

    hw_state(const problem& d, const direction_data& v)
        : W1(d.W[0]), V1(v.V[0]), G1(Hd, I), W2(d.W[1]), V2(v.V[1]), G2(O, Hd), X(d.x), Y(d.y), Hs(Hd, B), RH(Hd, B),
          S(O, B), RS(O, B), DH(Hd, B), b1(d.b[0]), vb1(v.vb[0]), g1(Hd), b2(d.b[1]), vb2(v.vb[1]), g2(O) {}

    std::vector<Eigen::MatrixXf> blocks() const { return {G1, g1, G2, g2}; }
};

template <bool LazySmall>
struct hw_grad : hw_state {
    static constexpr returns value = returns::loss;
    using hw_state::hw_state;

    float call() {
        auto w1 = view<Hd, I, true>(W1);
        auto w2 = view<O, Hd, true>(W2);
        auto x = view<I, B, true>(X);
        auto y = view<O, B, true>(Y);
        auto h = view<Hd, B, true>(Hs);
        auto s = view<O, B, true>(S);
        auto dh = view<Hd, B, true>(DH);

        h.noalias() = w1 * x;
        h = (h.colwise() + view<Hd, 1, true>(b1)).cwiseMax(0.0f);
        product<LazySmall>(s, w2, h);
        s.colwise() += view<O, 1, true>(b2);
        // Softmax cross-entropy; s becomes dL/ds = (softmax(s) - y) / B.
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
        product<LazySmall>(dh, w2.transpose(), s);
        dh = (h.array() > 0.0f).select(dh, 0.0f);
        product<LazySmall>(view<O, Hd, true>(G2), s, h.transpose());
        view<O, 1, true>(g2) = s.rowwise().sum();
        view<Hd, I, true>(G1).noalias() = dh * x.transpose();
        view<Hd, 1, true>(g1) = dh.rowwise().sum();
        return loss * (1.0f / B);
    }
    std::vector<Eigen::MatrixXf> result() const { return blocks(); }
};

template <bool LazySmall>
struct hw_hvp : hw_state {
    static constexpr returns value = returns::loss;
    using hw_state::hw_state;

    float call() {
        auto w1 = view<Hd, I, true>(W1);
        auto v1 = view<Hd, I, true>(V1);
        auto w2 = view<O, Hd, true>(W2);
        auto v2 = view<O, Hd, true>(V2);
        auto x = view<I, B, true>(X);
        auto y = view<O, B, true>(Y);
        auto h = view<Hd, B, true>(Hs);
        auto rh = view<Hd, B, true>(RH);
        auto s = view<O, B, true>(S);
        auto rs = view<O, B, true>(RS);
        auto rdh = view<Hd, B, true>(DH);

        // Forward and its tangent: h = relu(W1 x + b1), Rh = (V1 x + vb1) ⊙ [h > 0],
        // s = W2 h + b2, Rs = V2 h + W2 Rh + vb2.
        h.noalias() = w1 * x;
        h = (h.colwise() + view<Hd, 1, true>(b1)).cwiseMax(0.0f);
        rh.noalias() = v1 * x;
        rh = (h.array() > 0.0f).select(rh.colwise() + view<Hd, 1, true>(vb1), 0.0f);
        product<LazySmall>(s, w2, h);
        s.colwise() += view<O, 1, true>(b2);
        product<LazySmall>(rs, v2, h);
        if constexpr (LazySmall) rs.noalias() += w2.lazyProduct(rh);
        else rs.noalias() += w2 * rh;
        rs.colwise() += view<O, 1, true>(vb2);
        // Softmax cross-entropy, column by column: s becomes ds = (p - y) / B, and rs its tangent
        // R(ds) = p ⊙ (Rs - pᵀRs) / B.
        float loss = 0;
        for (int j = 0; j < B; ++j) {
            auto c = s.col(j);
            auto rc = rs.col(j);
            const float top = c.maxCoeff();
            loss += top - y.col(j).dot(c);
            c = (c.array() - top).exp();
            const float total = c.sum();
            loss += std::log(total);
            c *= 1.0f / total;  // p
            const float pr = c.dot(rc);
            rc = c.cwiseProduct((rc.array() - pr).matrix()) * (1.0f / B);
            c = (c - y.col(j)) * (1.0f / B);
        }
        // H·v for W2, b2: R(dW2) = R(ds) hᵀ + ds Rhᵀ, R(db2) = rowsum R(ds).
        auto hw2 = view<O, Hd, true>(G2);
        if constexpr (LazySmall) hw2.noalias() = rs.lazyProduct(h.transpose()) + s.lazyProduct(rh.transpose());
        else {
            hw2.noalias() = rs * h.transpose();
            hw2.noalias() += s * rh.transpose();
        }
        view<O, 1, true>(g2) = rs.rowwise().sum();
        // R(dh) = V2ᵀ ds + W2ᵀ R(ds), through the relu's mask; then H·v for W1, b1.
        if constexpr (LazySmall) rdh.noalias() = v2.transpose().lazyProduct(s) + w2.transpose().lazyProduct(rs);
        else {
            rdh.noalias() = v2.transpose() * s;
            rdh.noalias() += w2.transpose() * rs;
        }
        rdh = (h.array() > 0.0f).select(rdh, 0.0f);
        view<Hd, I, true>(G1).noalias() = rdh * x.transpose();
        view<Hd, 1, true>(g1) = rdh.rowwise().sum();
        return loss * (1.0f / B);
    }
    std::vector<Eigen::MatrixXf> result() const { return blocks(); }
};

template <bool LazySmall>
struct hw_jvp : hw_state {
    static constexpr returns value = returns::nothing;
    using hw_state::hw_state;

    float call() {
        auto w1 = view<Hd, I, true>(W1);
        auto v1 = view<Hd, I, true>(V1);
        auto w2 = view<O, Hd, true>(W2);
        auto v2 = view<O, Hd, true>(V2);
        auto x = view<I, B, true>(X);
        auto h = view<Hd, B, true>(Hs);
        auto rh = view<Hd, B, true>(RH);
        auto rs = view<O, B, true>(RS);

        h.noalias() = w1 * x;
        h = (h.colwise() + view<Hd, 1, true>(b1)).cwiseMax(0.0f);
        rh.noalias() = v1 * x;
        rh = (h.array() > 0.0f).select(rh.colwise() + view<Hd, 1, true>(vb1), 0.0f);
        product<LazySmall>(rs, v2, h);
        if constexpr (LazySmall) rs.noalias() += w2.lazyProduct(rh);
        else rs.noalias() += w2 * rh;
        rs.colwise() += view<O, 1, true>(vb2);
        return rs(0, 0);
    }
    std::vector<Eigen::MatrixXf> result() const { return {RS}; }
};

}  // namespace bench::second_order::hand

