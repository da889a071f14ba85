/// @file
/// Internals of inspect/emit_c.hpp: `c_rows<Local>`, a job's local form (eval/local.hpp) as a
/// constexpr table of numbers, one `c_row` per node, children before their parent, the root
/// last. The C code is written from these tables by functions that are not templates
/// (detail/c_code.hpp), so a node type costs the compiler a constant, not code.
/// Shapes: a row's rows and cols may be batch_dim (the batch is substituted when writing).
/// Evaluation: host-only.
#pragma once

#include <exprnet/eval/local.hpp>
#include <exprnet/ops/op_def.hpp>

#include <Eigen/Core>

#include <array>
#include <cstddef>

namespace exprnet::detail {

enum class c_kind : unsigned char {
    slot, transpose, broadcast, constant, count, unary, binary, matmul, sum_all, rowwise_sum, colwise_sum, softmax, log_softmax,
    softmax_ce
};

/// One node of a local form.
struct c_row {
    c_kind kind = c_kind::slot;
    const c99_form* fn = nullptr;  ///< an elementwise node's op's C99 facet
    int rows = 0;
    int cols = 0;
    int a = -1;  ///< first child (row index); a count leaf: the counted rows
    int b = -1;  ///< second child; a count leaf: the counted cols
    int slot = -1;
    int order = Eigen::ColMajor;
    double value = 0;  ///< a constant, or the slope of leaky_relu and its backward
};

template <class Op>
constexpr double c_slope_of() {
    if constexpr (requires { Op::slope; }) return Op::slope;
    else return 0;
}

/// A node's own row (its children not yet placed).
template <class N>
struct c_own {
    static_assert(dependent_false_v<N>, "exprnet internal: emit_c has no C code for this node type");
};
template <int K, int R, int C, int Order, bool Aligned, bool Param>
struct c_own<slot<K, R, C, Order, Aligned, Param>> {
    static constexpr c_row row{c_kind::slot, nullptr, R, C, -1, -1, K, Order, 0};
};
template <class A>
struct c_own<transpose_node<A>> {
    static constexpr c_row row{c_kind::transpose, nullptr, A::cols, A::rows};
};
template <class A, int R, int C>
struct c_own<broadcast<A, R, C>> {
    static constexpr c_row row{c_kind::broadcast, nullptr, R, C};
};
template <std::uint64_t Bits>
struct c_own<constant_leaf<Bits>> {
    static constexpr c_row row{c_kind::constant, nullptr, 1, 1, -1, -1, -1, Eigen::ColMajor, constant_leaf<Bits>::value};
};
template <int R, int C>
struct c_own<zero_leaf<R, C>> {
    static constexpr c_row row{c_kind::constant, nullptr, R, C, -1, -1, -1, Eigen::ColMajor, 0};
};
template <int R, int C>
struct c_own<count_leaf<R, C>> {
    static constexpr c_row row{c_kind::count, nullptr, 1, 1, R, C};
};
template <class Op, class A>
struct c_own<unary<Op, A>> {
    static constexpr c_row row{c_kind::unary, &Op::c99, A::rows, A::cols, -1, -1, -1, Eigen::ColMajor, c_slope_of<Op>()};
};
template <class Op, class A, class B>
struct c_own<binary<Op, A, B>> {
    static constexpr c_row row{c_kind::binary, &Op::c99, A::rows, A::cols};
};
template <class A, class B>
struct c_own<matmul<A, B>> {
    static constexpr c_row row{c_kind::matmul, nullptr, A::rows, B::cols};
};
template <class A>
struct c_own<sum_all<A>> {
    static constexpr c_row row{c_kind::sum_all, nullptr, 1, 1};
};
template <class A>
struct c_own<rowwise_sum<A>> {
    static constexpr c_row row{c_kind::rowwise_sum, nullptr, A::rows, 1};
};
template <class A>
struct c_own<colwise_sum<A>> {
    static constexpr c_row row{c_kind::colwise_sum, nullptr, 1, A::cols};
};
template <class S>
struct c_own<softmax_node<S>> {
    static constexpr c_row row{c_kind::softmax, nullptr, S::rows, S::cols};
};
template <class S>
struct c_own<log_softmax_node<S>> {
    static constexpr c_row row{c_kind::log_softmax, nullptr, S::rows, S::cols};
};
template <class S, class Y>
struct c_own<softmax_ce<S, Y>> {
    static constexpr c_row row{c_kind::softmax_ce, nullptr, 1, 1};
};

template <class N, class Children = typename N::children>
struct c_rows;

/// N's table: its children's tables one after the other (indices shifted), then its own row.
template <class N, class... Cs>
struct c_rows<N, type_list<Cs...>> {
    static constexpr int size = (1 + ... + c_rows<Cs>::size);
    static constexpr std::array<c_row, std::size_t(size)> rows = [] {
        std::array<c_row, std::size_t(size)> out{};
        int at = 0;
        [[maybe_unused]] std::array<int, sizeof...(Cs) + 1> roots{};  // where each child's root lands
        [[maybe_unused]] std::size_t k = 0;
        [[maybe_unused]] const auto append = [&](const auto& child) {
            const int base = at;
            for (c_row r : child) {
                if (r.kind != c_kind::count) {
                    if (r.a >= 0) r.a += base;
                    if (r.b >= 0) r.b += base;
                }
                out[std::size_t(at++)] = r;
            }
            roots[k++] = at - 1;
        };
        (append(c_rows<Cs>::rows), ...);
        c_row own = c_own<N>::row;
        if constexpr (sizeof...(Cs) > 0) own.a = roots[0];
        if constexpr (sizeof...(Cs) > 1) own.b = roots[1];
        out[std::size_t(at)] = own;
        return out;
    }();
};

}  // namespace exprnet::detail
