/// @file
/// Internals of inspect/emit_c.hpp: the C99 code of a job from its table of rows
/// (detail/c_rows.hpp): an element expression for the nodes that fuse (slots, views,
/// elementwise ops, small products), and loops for the kernels (products, sums, softmax, the
/// cross-entropy), computing what evaluator<N> (eval/evaluator.hpp) computes. None of it is a
/// template: it is compiled once, whatever the programs exported.
/// Shapes: the batch is the program's, a number. Backward: masks and slopes are ops like any.
/// Evaluation: host-only.
#pragma once

#include <exprnet/eval/local.hpp>
#include <exprnet/inspect/detail/c_rows.hpp>
#include <exprnet/inspect/detail/c_text.hpp>

#include <Eigen/Core>

#include <initializer_list>
#include <stdexcept>
#include <string>
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
    /// A call of the dot product helper (c_text::helpers).
    std::string call_dot(std::initializer_list<std::string> args) {
        std::string text = helpers.use_dot(prefix) + "(";
        for (const std::string& a : args) text += (text.back() == '(' ? "" : ", ") + c_text::unparenthesised(a);
        return text + ")";
    }
};

/// Element (i, j) of node n of a job's table, as a C expression.
inline std::string c_at(c_job& c, const c_row* rows, int n, const std::string& i, const std::string& j);

/// Node n as a strided block: a slot, a view of one, or a number (a product reads its
/// operands so).
inline c_text::strided c_view(c_job& c, const c_row* rows, int n) {
    const c_row& r = rows[n];
    switch (r.kind) {
        case c_kind::slot: return c_text::dense(c.slots[std::size_t(r.slot)], c.dim(r.rows), c.dim(r.cols), r.order == Eigen::RowMajor);
        case c_kind::transpose: {
            const c_text::strided v = c_view(c, rows, r.a);
            return {v.base, v.cs, v.rs};
        }
        case c_kind::broadcast: {  // a scalar, a column or a row: the repeated index is 0
            const c_text::strided v = c_view(c, rows, r.a);
            return {v.base, rows[r.a].rows == 1 ? 0 : v.rs, rows[r.a].cols == 1 ? 0 : v.cs};
        }
        case c_kind::constant:  // a number read as a block (a broadcast constant times a matrix):
        case c_kind::count:     // a C99 compound literal, stride 0
            return {c_text::cat({"(const ", c.scalar.type(), "[]){", c_at(c, rows, n, "0", "0"), "}"}), 0, 0};
        default: throw std::logic_error("exprnet internal: emit_c: a product operand that is neither in memory nor a number");
    }
}

/// The op's C99 facet applied to the operand texts (ops/op_def.hpp).
inline std::string c_apply(c_job& c, const c_row& r, const std::string& a, const std::string& b) {
    if (!r.fn) throw std::logic_error("exprnet internal: emit_c: an elementwise node without a function");
    const std::string_view text = r.fn->expr;
    std::string out;
    expand(out, text, [&](std::string& o, std::string_view name, std::size_t at) {
        if (name == "a" || name == "b") {
            const std::string& operand = name == "a" ? a : b;
            o += c_text::whole_argument(text, at, at + 1 + name.size()) ? c_text::unparenthesised(operand) : operand;
        } else if (name == "slope") {
            o += c.lit(r.value);
        } else if (name == "helper") {
            o += c.helpers.use(r.fn->helper, c.prefix);
        } else {
            c_text::fill_common(o, name, c.scalar);
        }
    });
    return out;
}

inline std::string c_at(c_job& c, const c_row* rows, int n, const std::string& i, const std::string& j) {
    const c_row& r = rows[n];
    switch (r.kind) {
        case c_kind::slot: return c_view(c, rows, n).at(i, j);
        case c_kind::transpose: return c_at(c, rows, r.a, j, i);
        case c_kind::broadcast: return c_at(c, rows, r.a, rows[r.a].rows == 1 ? "0" : i, rows[r.a].cols == 1 ? "0" : j);
        case c_kind::constant: return c.lit(r.value);
        case c_kind::count: return c.lit(double(c.dim(r.a) * c.dim(r.b)));
        case c_kind::unary: return c_apply(c, r, c_at(c, rows, r.a, i, j), "");
        case c_kind::binary: {
            const std::string a = c_at(c, rows, r.a, i, j);  // in reading order
            return c_apply(c, r, a, c_at(c, rows, r.b, i, j));
        }
        case c_kind::matmul: {  // a small product fused into its reader: a dot product per element
            const c_text::strided a = c_view(c, rows, r.a), b = c_view(c, rows, r.b);
            return c.call_dot({a.address(i, "0"), std::to_string(a.cs), b.address("0", j), std::to_string(b.rs),
                                                std::to_string(c.dim(rows[r.a].cols))});
        }
        default: break;
    }
    throw std::logic_error("exprnet internal: emit_c: a kernel inside a fused expression");
}

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

/// One stable pass per column: (s - max s) - log sum exp(s - max s), the shift off first (as
/// the evaluator does: s - (max s + log sum) would round to the ulp of max s).
inline void c_log_softmax_kernel(c_job& c, std::string& out, const c_destination& d, const std::string& s0, const std::string& si) {
    const std::string rows = std::to_string(d.rows);
    std::vector<std::string> lines = c_column_max(c, d.rows, s0, si, false);
    lines.push_back(c_zero_acc(c, "acc"));
    lines.push_back(c_sum_line("acc", "i", d.rows, c_text::cat({c.scalar.fn("exp"), "(", si, " - top)"})));
    lines.push_back(c_text::cat({c.scalar.type(), " log_sum = ", c.scalar.fn("log"), "(acc);"}));
    lines.push_back(c_text::cat({"for (int i = 0; i < ", rows, "; ++i) ", d.block.at("i", d.j()), " = (", si, " - top) - log_sum;"}));
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

/// The code of kernel n (the root of a job); shared: the softmax buffer a softmax_ce reads,
/// or null.
inline void c_kernel(c_job& c, std::string& out, const c_destination& d, const c_row* rows, int n, const c_row* shared) {
    const c_row& r = rows[n];
    const c_row& a = rows[r.a];
    const long rows_a = c.dim(a.rows), cols_a = c.dim(a.cols);
    const std::string ia = rows_a == 1 ? "0" : "i", ja = cols_a == 1 ? "0" : "j";
    switch (r.kind) {
        case c_kind::matmul: {
            const std::string k = cols_a == 1 ? "0" : "k";
            const std::string lhs = c_at(c, rows, r.a, d.i(), k);
            c_product_kernel(c, out, d, cols_a, lhs, c_at(c, rows, r.b, k, d.j()));
            return;
        }
        case c_kind::sum_all: return c_sum_all_kernel(c, out, d, rows_a, cols_a, c_at(c, rows, r.a, ia, ja));
        case c_kind::rowwise_sum: return c_line_sum_kernel(c, out, d, true, cols_a, c_at(c, rows, r.a, d.i(), ja));
        case c_kind::colwise_sum: return c_line_sum_kernel(c, out, d, false, rows_a, c_at(c, rows, r.a, ia, d.j()));
        case c_kind::softmax: {
            const std::string s0 = c_at(c, rows, r.a, "0", d.j());
            return c_softmax_kernel(c, out, d, s0, c_at(c, rows, r.a, "i", d.j()));
        }
        case c_kind::log_softmax: {
            const std::string s0 = c_at(c, rows, r.a, "0", d.j());
            return c_log_softmax_kernel(c, out, d, s0, c_at(c, rows, r.a, "i", d.j()));
        }
        case c_kind::softmax_ce: {
            std::string p_top;
            if (shared) p_top = c_at(c, shared, 0, rows_a == 1 ? "0" : "at", ja);
            const std::string s0 = c_at(c, rows, r.a, "0", ja), si = c_at(c, rows, r.a, ia, ja);
            return c_softmax_ce_kernel(c, out, d, rows_a, cols_a, s0, si, c_at(c, rows, r.b, ia, ja), p_top);
        }
        default: break;
    }
    throw std::logic_error("exprnet internal: emit_c: a step that is neither elementwise nor a kernel");
}

}  // namespace exprnet::detail
