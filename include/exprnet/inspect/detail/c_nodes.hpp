/// @file
/// Internals of inspect/emit_c.hpp: `c_node<N>`, the C99 code of each node type of a job's
/// local form (eval/local.hpp): an element expression for the nodes that fuse (slots, views,
/// elementwise ops, small products), and loops for the kernels (products, sums, softmax, the
/// cross-entropy), computing what evaluator<N> (eval/evaluator.hpp) computes.
/// Shapes: the batch is the program's, a number. Backward: masks and slopes are ops like any.
/// Evaluation: host-only; one instantiation per node type of a local form.
#pragma once

#include <exprnet/eval/local.hpp>
#include <exprnet/inspect/detail/c_text.hpp>
#include <exprnet/ops/activation.hpp>
#include <exprnet/ops/arithmetic.hpp>
#include <exprnet/ops/mask.hpp>

#include <Eigen/Core>

#include <initializer_list>
#include <string>
#include <type_traits>
#include <vector>

namespace exprnet::detail {

/// What the code of one job needs besides its node types: names, batch, scalar, helpers.
struct c_job {
    const c_text::scalar_spelling& scalar;
    c_text::helpers& helpers;
    std::string prefix;
    long batch = 1;
    std::vector<std::string> slots;  ///< the name of each slot's block

    long dim(int d) const { return d == batch_dim ? batch : long(d); }
    std::string lit(double v) const { return scalar.literal(v); }
    /// A call of helper h (c_text::helpers).
    std::string call(c_text::helper h, std::initializer_list<std::string> args) {
        std::string text = helpers.use(h, prefix) + "(";
        for (const std::string& a : args) text += (text.back() == '(' ? "" : ", ") + c_text::unparenthesised(a);
        return text + ")";
    }
    /// A call of the <math.h> function `name` (expf or exp, after the scalar).
    std::string math(const char* name, const std::string& a) const { return c_text::cat({scalar.fn(name), "(", c_text::unparenthesised(a), ")"}); }
};

template <class N>
struct c_node {
    static_assert(dependent_false_v<N>, "exprnet internal: emit_c has no C code for this node type");
};

/// C text of an elementwise op applied to operand texts.
template <class Op>
struct c_op;
template <>
struct c_op<add_op> {
    static std::string apply(c_job&, const std::string& a, const std::string& b) { return c_text::cat({"(", a, " + ", b, ")"}); }
};
template <>
struct c_op<sub_op> {
    static std::string apply(c_job&, const std::string& a, const std::string& b) { return c_text::cat({"(", a, " - ", b, ")"}); }
};
template <>
struct c_op<mul_op> {
    static std::string apply(c_job&, const std::string& a, const std::string& b) { return c_text::cat({"(", a, " * ", b, ")"}); }
};
template <>
struct c_op<div_op> {
    static std::string apply(c_job&, const std::string& a, const std::string& b) { return c_text::cat({"(", a, " / ", b, ")"}); }
};
template <>
struct c_op<max_op> {
    static std::string apply(c_job& c, const std::string& a, const std::string& b) { return c.call(c_text::helper::max, {a, b}); }
};
template <>
struct c_op<ge_mask_op> {
    static std::string apply(c_job& c, const std::string& a, const std::string& b) {
        return c.call(c_text::helper::ge_mask, {a, b});
    }
};
template <>
struct c_op<lt_mask_op> {
    static std::string apply(c_job& c, const std::string& a, const std::string& b) {
        return c.call(c_text::helper::lt_mask, {a, b});
    }
};
template <>
struct c_op<neg_op> {
    static std::string apply(c_job&, const std::string& a) { return c_text::cat({"(-", a, ")"}); }
};
template <>
struct c_op<relu_op> {
    static std::string apply(c_job& c, const std::string& a) { return c.call(c_text::helper::max, {a, c.lit(0)}); }
};
template <std::uint64_t Bits>
struct c_op<leaky_relu_op<Bits>> {
    static std::string apply(c_job& c, const std::string& a) {
        return c.call(c_text::helper::leaky_relu, {a, c.lit(leaky_relu_op<Bits>::slope)});
    }
};
template <>
struct c_op<sigmoid_op> {
    static std::string apply(c_job& c, const std::string& a) { return c.call(c_text::helper::sigmoid, {a}); }
};
template <>
struct c_op<tanh_op> {
    static std::string apply(c_job& c, const std::string& a) { return c.math("tanh", a); }
};
template <>
struct c_op<elu_op> {
    static std::string apply(c_job& c, const std::string& a) { return c.call(c_text::helper::elu, {a}); }
};
template <>
struct c_op<exp_op> {
    static std::string apply(c_job& c, const std::string& a) { return c.math("exp", a); }
};
template <>
struct c_op<log_op> {
    static std::string apply(c_job& c, const std::string& a) { return c.math("log", a); }
};
template <>
struct c_op<square_op> {
    static std::string apply(c_job& c, const std::string& a) { return c.call(c_text::helper::square, {a}); }
};
template <>
struct c_op<positive_mask_op> {
    static std::string apply(c_job& c, const std::string& a) { return c.call(c_text::helper::positive_mask, {a}); }
};
template <std::uint64_t Bits>
struct c_op<leaky_slope_op<Bits>> {
    static std::string apply(c_job& c, const std::string& a) {
        return c.call(c_text::helper::leaky_slope, {a, c.lit(leaky_slope_op<Bits>::slope)});
    }
};
template <>
struct c_op<elu_slope_op> {
    static std::string apply(c_job& c, const std::string& a) { return c.call(c_text::helper::elu_slope, {a}); }
};

// ---- blocks in memory and views of them: an element, or the strides (for products) --------

template <int K, int R, int C, int Order, bool Aligned, bool Param>
struct c_node<slot<K, R, C, Order, Aligned, Param>> {
    static c_text::strided view(c_job& c) {
        return c_text::dense(c.slots[std::size_t(K)], c.dim(R), c.dim(C), Order == Eigen::RowMajor);
    }
    static std::string at(c_job& c, const std::string& i, const std::string& j) { return view(c).at(i, j); }
};

template <class A>
struct c_node<transpose_node<A>> {
    static c_text::strided view(c_job& c) {
        c_text::strided v = c_node<A>::view(c);
        return {v.base, v.cs, v.rs};
    }
    static std::string at(c_job& c, const std::string& i, const std::string& j) { return c_node<A>::at(c, j, i); }
};

template <class A, int R, int C>
struct c_node<broadcast<A, R, C>> {
    // A scalar, a column or a row: the repeated index is 0.
    static c_text::strided view(c_job& c) {
        c_text::strided v = c_node<A>::view(c);
        return {v.base, A::rows == 1 ? 0 : v.rs, A::cols == 1 ? 0 : v.cs};
    }
    static std::string at(c_job& c, const std::string& i, const std::string& j) {
        return c_node<A>::at(c, A::rows == 1 ? "0" : i, A::cols == 1 ? "0" : j);
    }
};

// ---- leaves that are numbers -----------------------------------------------------------------

template <std::uint64_t Bits>
struct c_node<constant_leaf<Bits>> {
    static std::string at(c_job& c, const std::string&, const std::string&) { return c.lit(constant_leaf<Bits>::value); }
};
template <int R, int C>
struct c_node<zero_leaf<R, C>> {
    static std::string at(c_job& c, const std::string&, const std::string&) { return c.lit(0); }
};
template <int R, int C>
struct c_node<count_leaf<R, C>> {
    static std::string at(c_job& c, const std::string&, const std::string&) { return c.lit(double(c.dim(R) * c.dim(C))); }
};

// ---- elementwise ----------------------------------------------------------------------------

template <class Op, class A>
struct c_node<unary<Op, A>> {
    static std::string at(c_job& c, const std::string& i, const std::string& j) { return c_op<Op>::apply(c, c_node<A>::at(c, i, j)); }
};
template <class Op, class A, class B>
struct c_node<binary<Op, A, B>> {
    static std::string at(c_job& c, const std::string& i, const std::string& j) {
        // Operand texts in order, so that the helpers are recorded in reading order.
        const std::string a = c_node<A>::at(c, i, j);
        return c_op<Op>::apply(c, a, c_node<B>::at(c, i, j));
    }
};

// ---- kernels: loops writing (or, for a fused SGD update, adding alpha times their result to)
// the job's destination. The text is written by functions that are not templates; a node type
// only computes the element expressions of its operands (compile time: eval/local.hpp). -----

/// Where a kernel writes: its block, shape and order, and whether it accumulates alpha times
/// its result (job_mode::update) instead of assigning it.
struct c_destination {
    c_text::strided block;
    long rows = 0;
    long cols = 0;
    bool row_major = false;
    bool update = false;

    /// The statement storing `value` at (i, j).
    std::string store(const std::string& i, const std::string& j, const std::string& value) const {
        return c_text::cat({block.at(i, j), update ? " += alpha * " : " = ", update ? c_text::operand(value) : value, ";"});
    }
    std::string i() const { return rows == 1 ? "0" : "i"; }
    std::string j() const { return cols == 1 ? "0" : "j"; }
    /// The loops over the destination, in its storage order.
    std::vector<c_text::loop> loops() const {
        if (row_major) return {{"i", rows}, {"j", cols}};
        return {{"j", cols}, {"i", rows}};
    }
};

/// `for (index...) acc += term;`, or the one statement when the extent is 1.
inline std::string c_sum_line(const std::string& acc, const std::string& index, long extent, const std::string& term) {
    if (extent == 1) return c_text::cat({acc, " += ", term, ";"});
    const std::string n = std::to_string(extent);
    return c_text::cat({"for (int ", index, " = 0; ", index, " < ", n, "; ++", index, ") ", acc, " += ", term, ";"});
}

inline std::string c_zero_acc(const c_job& c, const char* name) { return c_text::cat({c.scalar.type(), " ", name, " = ", c.lit(0), ";"}); }

/// dst(i, j) = sum_k a(i, k) b(k, j), given a(i, k) and b(k, j) (k is "0" when inner is 1).
inline void c_product_kernel(c_job& c, std::string& out, const c_destination& d, long inner, const std::string& a, const std::string& b) {
    c_text::nest(out, d.loops(), {c_zero_acc(c, "acc"), c_sum_line("acc", "k", inner, c_text::cat({a, " * ", b})), d.store(d.i(), d.j(), "acc")},
                 4);
}

/// dst = the sum of term(i, j) over a rows x cols block.
inline void c_sum_all_kernel(c_job& c, std::string& out, const c_destination& d, long rows, long cols, const std::string& term) {
    out += "    {\n        " + c_zero_acc(c, "acc") + "\n";
    c_text::nest(out, {{"j", cols}, {"i", rows}}, {c_text::cat({"acc += ", c_text::unparenthesised(term), ";"})}, 8);
    out += "        " + d.store("0", "0", "acc") + "\n    }\n";
}

/// dst(i) = the sum over j of term(i, j) (Rowwise), or dst(j) = the sum over i (not Rowwise).
inline void c_line_sum_kernel(c_job& c, std::string& out, const c_destination& d, bool rowwise, long extent, const std::string& term) {
    const std::string store = rowwise ? d.store(d.i(), "0", "acc") : d.store("0", d.j(), "acc");
    c_text::nest(out, {rowwise ? c_text::loop{"i", d.rows} : c_text::loop{"j", d.cols}},
                 {c_zero_acc(c, "acc"), c_sum_line("acc", rowwise ? "j" : "i", extent, term), store}, 4);
}

/// The lines finding the largest score of the column (the first, as Eigen's maxCoeff) into
/// `top` and, if `where` (and rows > 1), its row into `at`. s0: the score in row 0; si: in row i.
inline std::vector<std::string> c_column_max(const c_job& c, long rows, const std::string& s0, const std::string& si, bool where) {
    std::vector<std::string> lines;
    where = where && rows > 1;  // one row: the top is row 0
    if (where) lines.push_back("int at = 0;");
    lines.push_back(c_text::cat({c.scalar.type(), " top = ", s0, ";"}));
    if (rows > 1)
        lines.push_back(c_text::cat({"for (int i = 1; i < ", std::to_string(rows), "; ++i) if (", si, " > top) ",
                                     where ? c_text::cat({"{ top = ", si, "; at = i; }"}) : c_text::cat({"top = ", si, ";"})}));
    return lines;
}

/// One stable pass per column: p = exp(s - max s) / sum. s0, si: the score in rows 0 and i
/// of column j.
inline void c_softmax_kernel(c_job& c, std::string& out, const c_destination& d, const std::string& s0, const std::string& si) {
    const std::string rows = std::to_string(d.rows);
    const std::string p = d.block.at("i", d.j());
    std::vector<std::string> lines = c_column_max(c, d.rows, s0, si, false);
    lines.push_back(c_zero_acc(c, "acc"));
    lines.push_back(c_text::cat({"for (int i = 0; i < ", rows, "; ++i) { ", p, " = ", c.scalar.fn("exp"), "(", si, " - top); acc += ", p, "; }"}));
    lines.push_back(c_text::cat({"for (int i = 0; i < ", rows, "; ++i) ", p, " /= acc;"}));
    c_text::nest(out, {{"j", d.cols}}, lines, 4);
}

/// The mean over the columns of lse(s) - y·s; lse read off the softmax p when the program has
/// it (p_top, the probability in row `at`, else empty). si, yi: s and y in row i (or 0).
inline void c_softmax_ce_kernel(c_job& c, std::string& out, const c_destination& d, long rows, long cols, const std::string& s0,
                                const std::string& si, const std::string& yi, const std::string& p_top) {
    const std::string T = c.scalar.type();
    std::vector<std::string> lines = c_column_max(c, rows, s0, si, !p_top.empty());
    if (!p_top.empty()) {
        lines.push_back(c_text::cat({T, " lse = top - ", c.scalar.fn("log"), "(", p_top, ");"}));
    } else {
        lines.push_back(c_zero_acc(c, "acc"));
        lines.push_back(c_sum_line("acc", "i", rows, c_text::cat({c.scalar.fn("exp"), "(", si, " - top)"})));
        lines.push_back(c_text::cat({T, " lse = top + ", c.scalar.fn("log"), "(acc);"}));
    }
    lines.push_back(c_zero_acc(c, "yts"));
    lines.push_back(c_sum_line("yts", "i", rows, c_text::cat({yi, " * ", si})));
    lines.push_back("total += lse - yts;");
    out += "    {\n        " + c_zero_acc(c, "total") + "\n";
    c_text::nest(out, {{"j", cols}}, lines, 8);
    out += "        " + d.store("0", "0", c_text::cat({"total / ", c.lit(double(cols))})) + "\n    }\n";
}

template <class A, class B>
struct c_node<matmul<A, B>> {
    /// Fused (a small product read elementwise by its consumer): a dot product per element.
    static std::string at(c_job& c, const std::string& i, const std::string& j) {
        const c_text::strided a = c_node<A>::view(c), b = c_node<B>::view(c);
        return c.call(c_text::helper::dot,
                      {a.address(i, "0"), std::to_string(a.cs), b.address("0", j), std::to_string(b.rs), std::to_string(c.dim(A::cols))});
    }
    /// A product step: the triple loop.
    static void kernel(c_job& c, std::string& out, const c_destination& d) {
        const long inner = c.dim(A::cols);
        const std::string k = inner == 1 ? "0" : "k";
        const std::string a = c_node<A>::at(c, d.i(), k);
        c_product_kernel(c, out, d, inner, a, c_node<B>::at(c, k, d.j()));
    }
};

template <class A>
struct c_node<sum_all<A>> {
    static void kernel(c_job& c, std::string& out, const c_destination& d) {
        const long rows = c.dim(A::rows), cols = c.dim(A::cols);
        c_sum_all_kernel(c, out, d, rows, cols, c_node<A>::at(c, rows == 1 ? "0" : "i", cols == 1 ? "0" : "j"));
    }
};

template <class A>
struct c_node<rowwise_sum<A>> {
    static void kernel(c_job& c, std::string& out, const c_destination& d) {
        const long cols = c.dim(A::cols);
        c_line_sum_kernel(c, out, d, true, cols, c_node<A>::at(c, d.i(), cols == 1 ? "0" : "j"));
    }
};

template <class A>
struct c_node<colwise_sum<A>> {
    static void kernel(c_job& c, std::string& out, const c_destination& d) {
        const long rows = c.dim(A::rows);
        c_line_sum_kernel(c, out, d, false, rows, c_node<A>::at(c, rows == 1 ? "0" : "i", d.j()));
    }
};

template <class S>
struct c_node<softmax_node<S>> {
    static void kernel(c_job& c, std::string& out, const c_destination& d) {
        const std::string s0 = c_node<S>::at(c, "0", d.j());
        c_softmax_kernel(c, out, d, s0, c_node<S>::at(c, "i", d.j()));
    }
};

/// The softmax buffer a softmax_ce step reads (frame's Shared, eval/local.hpp), or void.
template <class Frame>
struct c_shared_softmax {
    using type = void;
};
template <class Scalar, int Batch, int K, class Softmax, class Slot>
struct c_shared_softmax<frame<Scalar, Batch, K, type_list<Softmax, Slot>>> {
    using type = Slot;
};

template <class S, class Y>
struct c_node<softmax_ce<S, Y>> {
    /// Shared: the slot of the softmax buffer, or void.
    template <class Shared>
    static void kernel(c_job& c, std::string& out, const c_destination& d) {
        const long rows = c.dim(S::rows), cols = c.dim(S::cols);
        const std::string i = rows == 1 ? "0" : "i", j = cols == 1 ? "0" : "j";
        std::string p_top;
        if constexpr (!std::is_void_v<Shared>) p_top = c_node<Shared>::at(c, rows == 1 ? "0" : "at", j);
        const std::string s0 = c_node<S>::at(c, "0", j), si = c_node<S>::at(c, i, j);
        c_softmax_ce_kernel(c, out, d, rows, cols, s0, si, c_node<Y>::at(c, i, j), p_top);
    }
};

}  // namespace exprnet::detail
