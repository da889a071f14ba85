/// @file
/// Defines `evaluator<Node>`: how each node becomes Eigen code. Leaves are maps, elementwise
/// nodes and views build lazy Eigen array expressions (so a chain fuses into one loop), and
/// kernels (products, reductions, softmax) write a buffer in `run`.
/// Shapes: compile-time Eigen dimensions, the batch being a constant or Eigen::Dynamic.
/// Backward: gradients are expressions too; nothing here is specific to them.
/// Evaluation: a context (a step's `frame`, eval/local.hpp, or the program's `context`,
/// eval/program.hpp) says where each materialised node lives.
#pragma once

#include <exprnet/eval/gemm.hpp>
#include <exprnet/eval/ops.hpp>
#include <exprnet/expr/binary.hpp>
#include <exprnet/expr/broadcast.hpp>
#include <exprnet/expr/leaf.hpp>
#include <exprnet/expr/matmul.hpp>
#include <exprnet/expr/reduce.hpp>
#include <exprnet/expr/softmax.hpp>
#include <exprnet/expr/transpose.hpp>
#include <exprnet/expr/unary.hpp>

#include <Eigen/Core>

#include <cmath>

namespace exprnet {

template <class Node>
struct evaluator;

template <fixed_string Name, int R, int C>
struct evaluator<param_leaf<Name, R, C>> {
    static auto build(const auto& ctx) { return ctx.template param<param_leaf<Name, R, C>>(); }
};

template <fixed_string Name, int R>
struct evaluator<input_leaf<Name, R>> {
    static auto build(const auto& ctx) { return ctx.template input<input_leaf<Name, R>>(); }
};

template <std::uint64_t Bits>
struct evaluator<constant_leaf<Bits>> {
    static auto build(const auto& ctx) {
        using S = typename std::remove_cvref_t<decltype(ctx)>::scalar;
        return Eigen::Array<S, 1, 1>::Constant(S(constant_leaf<Bits>::value));
    }
};

template <int R, int C>
struct evaluator<zero_leaf<R, C>> {
    static auto build(const auto& ctx) {
        using Ctx = std::remove_cvref_t<decltype(ctx)>;
        return Ctx::template array_type<R, C>::Zero(ctx.dim(R), ctx.dim(C));
    }
};

template <int R, int C>
struct evaluator<count_leaf<R, C>> {
    static auto build(const auto& ctx) {
        using S = typename std::remove_cvref_t<decltype(ctx)>::scalar;
        return Eigen::Array<S, 1, 1>::Constant(S(ctx.dim(R) * ctx.dim(C)));
    }
};

template <class Op, class A>
struct evaluator<unary<Op, A>> {
    static auto build(const auto& ctx) { return op_eval<Op>::apply(ctx.template expr<A>()); }
};

template <class Op, class A, class B>
struct evaluator<binary<Op, A, B>> {
    static auto build(const auto& ctx) { return op_eval<Op>::apply(ctx.template expr<A>(), ctx.template expr<B>()); }
};

template <class A>
struct evaluator<transpose_node<A>> {
    static auto build(const auto& ctx) { return ctx.template expr<A>().transpose(); }
};

namespace detail {

/// A column (R×1) or row (1×C) vector in memory read as if repeated to R×C. Eigen's Replicate
/// drops packet access, which would turn every biased layer `W * x + b` into a scalar loop;
/// this reads packets straight from the vector. Packets run down a column (buffers are
/// column-major), so a row vector's packet is one repeated value.
template <class Scalar, bool Column>
struct broadcast_op {
    const Scalar* data;
    Scalar operator()(Eigen::Index i, Eigen::Index j) const { return data[Column ? i : j]; }
    template <class Packet>
    Packet packetOp(Eigen::Index i, Eigen::Index j) const {
        if constexpr (Column) return Eigen::internal::ploadu<Packet>(data + i);
        else return Eigen::internal::pset1<Packet>(data[j]);
    }
};

template <class E>
concept contiguous_vector = requires(const E& e) { e.data(); } && E::InnerStrideAtCompileTime == 1;

}  // namespace detail

template <class A, int R, int C>
struct evaluator<broadcast<A, R, C>> {
    static auto build(const auto& ctx) {
        using Ctx = std::remove_cvref_t<decltype(ctx)>;
        using S = typename Ctx::scalar;
        using Out = typename Ctx::template array_type<R, C>;
        constexpr int rows = Ctx::ct_dim(R);
        constexpr int cols = Ctx::ct_dim(C);
        const auto a = ctx.template expr<A>();
        if constexpr (A::rows == 1 && A::cols == 1) {
            return Out::Constant(ctx.dim(R), ctx.dim(C), a.value());
        } else if constexpr (detail::contiguous_vector<decltype(a)>) {
            return Out::NullaryExpr(ctx.dim(R), ctx.dim(C), detail::broadcast_op<S, A::cols == 1>{a.data()});
        } else if constexpr (A::cols == 1) {
            if constexpr (cols == Eigen::Dynamic) return a.replicate(1, ctx.dim(C));
            else return a.template replicate<1, cols>();
        } else {
            if constexpr (rows == Eigen::Dynamic) return a.replicate(ctx.dim(R), 1);
            else return a.template replicate<rows, 1>();
        }
    }
};

template <class A, class B>
struct evaluator<matmul<A, B>> {
    // Big products go to the blocked GEMM kernel with its panels in the workspace (no heap,
    // no big stack arrays, one instantiation for all shapes); small ones and matrix-vector
    // products stay with Eigen's fixed-size code.
    template <class Ctx>
    static constexpr bool lazy = uses_lazy_product(Ctx::ct_dim(A::rows), Ctx::ct_dim(B::cols), Ctx::ct_dim(A::cols), is_param_v<A>);
    /// A small product with inner dimension 1 (one sample's weight gradient): see `outer`.
    template <class Ctx>
    static constexpr bool rank_one = lazy<Ctx> && Ctx::ct_dim(A::cols) == 1;

    /// A small product as a lazy expression (the planner fuses it into its consumer).
    static auto build(const auto& ctx) {
        return ctx.template expr<A>().matrix().lazyProduct(ctx.template expr<B>().matrix()).array();
    }

    static void run(const auto& ctx, auto&& dst) {
        using Ctx = std::remove_cvref_t<decltype(ctx)>;
        const auto a = ctx.template expr<A>();
        const auto b = ctx.template expr<B>();
        if constexpr (uses_gemm(Ctx::ct_dim(A::rows), Ctx::ct_dim(B::cols), Ctx::ct_dim(A::cols))) {
            gemm(dst, a, b, ctx.gemm_scratch());
        } else if constexpr (rank_one<Ctx>) {
            outer<false>(dst, a, b, typename Ctx::scalar(1));
        } else if constexpr (lazy<Ctx>) {
            dst = build(ctx);
        } else {
            dst.matrix().noalias() = a.matrix() * b.matrix();
        }
    }

    /// dst = alpha a bᵀ, or dst += alpha a bᵀ if Accumulate: a rank-1 product (one sample's
    /// weight gradient), written along dst's storage order. Eigen's lazyProduct evaluates a
    /// short column times a row column-major whatever the destination, which turns a row-major
    /// destination (a small left factor, eval/layout.hpp) into a scalar loop.
    template <bool Accumulate>
    static void outer(auto&& dst, const auto& a, const auto& b, auto alpha) {
        using Dst = std::remove_cvref_t<decltype(dst)>;
        // An operand that is a fused expression is evaluated once, not once per row or column.
        const typename Eigen::internal::nested_eval<std::remove_cvref_t<decltype(a)>, Dst::ColsAtCompileTime>::type ae(a);
        const typename Eigen::internal::nested_eval<std::remove_cvref_t<decltype(b)>, Dst::RowsAtCompileTime>::type be(b);
        if constexpr (Dst::IsRowMajor) {
            for (Eigen::Index i = 0; i < dst.rows(); ++i) {
                if constexpr (Accumulate) dst.row(i) += (alpha * ae(i, 0)) * be.row(0);
                else dst.row(i) = (alpha * ae(i, 0)) * be.row(0);
            }
        } else {
            for (Eigen::Index j = 0; j < dst.cols(); ++j) {
                if constexpr (Accumulate) dst.col(j) += (alpha * be(0, j)) * ae.col(0);
                else dst.col(j) = (alpha * be(0, j)) * ae.col(0);
            }
        }
    }

    /// dst += alpha * A * B (a fused SGD update: the weights are dst).
    static void update(const auto& ctx, auto&& dst, auto alpha) {
        using Ctx = std::remove_cvref_t<decltype(ctx)>;
        const auto a = ctx.template expr<A>();
        const auto b = ctx.template expr<B>();
        if constexpr (uses_gemm(Ctx::ct_dim(A::rows), Ctx::ct_dim(B::cols), Ctx::ct_dim(A::cols))) {
            gemm(dst, a, b, ctx.gemm_scratch(), alpha, true);
        } else if constexpr (rank_one<Ctx>) {
            outer<true>(dst, a, b, alpha);
        } else if constexpr (lazy<Ctx>) {
            dst += alpha * build(ctx);
        } else {
            dst.matrix().noalias() += alpha * (a.matrix() * b.matrix());
        }
    }
};

// Sums: `update` is dst += alpha * sum (a fused SGD update of a bias).
template <class A>
struct evaluator<sum_all<A>> {
    static void run(const auto& ctx, auto&& dst) { dst(0, 0) = ctx.template expr<A>().sum(); }
    static void update(const auto& ctx, auto&& dst, auto alpha) { dst(0, 0) += alpha * ctx.template expr<A>().sum(); }
};

template <class A>
struct evaluator<rowwise_sum<A>> {
    static void run(const auto& ctx, auto&& dst) { dst = ctx.template expr<A>().rowwise().sum(); }
    static void update(const auto& ctx, auto&& dst, auto alpha) { dst += alpha * ctx.template expr<A>().rowwise().sum(); }
};

template <class A>
struct evaluator<colwise_sum<A>> {
    static void run(const auto& ctx, auto&& dst) { dst = ctx.template expr<A>().colwise().sum(); }
    static void update(const auto& ctx, auto&& dst, auto alpha) { dst += alpha * ctx.template expr<A>().colwise().sum(); }
};

template <class S>
struct evaluator<softmax_node<S>> {
    // One stable pass per column: p = exp(s - max s) / sum.
    static void run(const auto& ctx, auto&& dst) {
        const auto scores = ctx.template expr<S>();
        for (Eigen::Index j = 0; j < scores.cols(); ++j) {
            const auto top = scores.col(j).maxCoeff();
            dst.col(j) = (scores.col(j) - top).exp();
            dst.col(j) /= dst.col(j).sum();
        }
    }
};

template <class S>
struct evaluator<log_softmax_node<S>> {
    // One stable pass per column: (s - max s) - log sum exp(s - max s). The shift comes off
    // first: s - (max s + log sum) would round to the ulp of max s (6e-5 at 1000 in float).
    static void run(const auto& ctx, auto&& dst) {
        const auto scores = ctx.template expr<S>();
        for (Eigen::Index j = 0; j < scores.cols(); ++j) {
            const auto top = scores.col(j).maxCoeff();
            const auto log_sum = std::log((scores.col(j) - top).exp().sum());
            dst.col(j) = (scores.col(j) - top) - log_sum;
        }
    }
};

template <class S, class Y>
struct evaluator<softmax_ce<S, Y>> {
    // Per column: -sum_k y_k log p_k = lse(s) - y·s for labels that sum to 1 (one-hot or soft),
    // with lse = max + log sum exp(s - max). Written exactly as the rule differentiates it
    // (dS = (softmax(S) - Y) / N), so value and gradient agree for any labels.
    // When the program also computes softmax(S) (a training program does, for the gradient),
    // that step has run already (eval/plan.hpp) and lse is read off it: for the top score, p is
    // exp(0) / sum, so lse = top - log p_top, with no second pass of exponentials.
    static void run(const auto& ctx, auto&& dst) {
        using Ctx = std::remove_cvref_t<decltype(ctx)>;
        using Scalar = typename Ctx::scalar;
        const auto scores = ctx.template expr<S>();
        const auto labels = ctx.template expr<Y>();
        Scalar total(0);
        for (Eigen::Index j = 0; j < scores.cols(); ++j) {
            Eigen::Index k = 0;
            const Scalar top = scores.col(j).maxCoeff(&k);
            Scalar lse;
            if constexpr (Ctx::template has_buffer<softmax_node<S>>()) lse = top - std::log(ctx.template expr<softmax_node<S>>()(k, j));
            else lse = top + std::log((scores.col(j) - top).exp().sum());
            // y·s over the labelled classes only: a -inf score of a class with label 0 adds 0, not
            // 0 · -inf = NaN, so the loss is finite whenever the labelled scores are.
            total += lse - (labels.col(j) != Scalar(0)).select(labels.col(j) * scores.col(j), Scalar(0)).sum();
        }
        dst(0, 0) = total / Scalar(scores.cols());
    }
};

}  // namespace exprnet

template <class Scalar, bool Column>
struct Eigen::internal::functor_traits<exprnet::detail::broadcast_op<Scalar, Column>> {
    enum { Cost = 1, PacketAccess = true, IsRepeatable = true };
};
