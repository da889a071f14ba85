/// @file
/// Defines `plan_for<Nodes, Roots>`: the compile-time schedule of a program. It decides which
/// nodes are written to a buffer (kernels such as products and reductions, nodes used more than
/// once, operands that must be in memory, outputs), orders those steps, and lays out the
/// workspace with reuse of buffers that are dead.
/// Shapes: sizes use the batch size n (a constant for batch<N>, the reserved size otherwise).
/// Backward: forward and gradient roots are planned as one DAG, so a shared node is computed once.
/// Evaluation: the evaluator runs exactly these steps (eval/program.hpp).
#pragma once

#include <exprnet/detail/type_list.hpp>
#include <exprnet/eval/alignment.hpp>
#include <exprnet/eval/gemm_policy.hpp>
#include <exprnet/eval/node_kind.hpp>

#include <array>
#include <cstddef>
#include <type_traits>

namespace exprnet {

struct node_row {
    int rows = 0;
    int cols = 0;
    node_kind kind = node_kind::leaf;
    bool stored_operands = false;
    bool is_matmul = false;
    bool is_param = false;
    int softmax = -1;  ///< for softmax_ce<S, Y>: the index of softmax_node<S>, if the program has it
    int n_children = 0;
    int children[2] = {-1, -1};
};

template <std::size_t M>
struct schedule {
    std::array<bool, M> materialised{};
    std::array<int, M> uses{};
    std::array<int, M> grad_slot{};   ///< root index (1..k) whose arena slot is the node's home, or -1
    std::array<long, M> offset{};     ///< workspace offset in scalars, or -1
    std::array<int, M> last_read{};   ///< step position of the last read, or -1
    std::array<int, M> steps{};       ///< node indices of the steps, in order
    int step_count = 0;
    /// Whether the gradients can be applied in place (a fused SGD call): no update reads a
    /// param that an earlier update has already changed.
    bool in_place_ok = true;
    long workspace_size = 0;          ///< scalars, including the GEMM panels
    long gemm_offset = 0;             ///< where the GEMM packing panels start
};

namespace detail {

/// A node's row as a type whose arguments are numbers: computing it names nothing after the
/// node list (the compiler mangles the name of every variable and function it instantiates,
/// and one named after the whole list per node costs time quadratic in depth), and equal rows
/// share one `make_row`.
template <int Rows, int Cols, node_kind Kind, bool Stored, bool Matmul, bool Param, int Softmax, int... Children>
struct row_info {};

template <int Rows, int Cols, node_kind Kind, bool Stored, bool Matmul, bool Param, int Softmax, int... Children>
constexpr node_row make_row(row_info<Rows, Cols, Kind, Stored, Matmul, Param, Softmax, Children...>) {
    node_row r{Rows, Cols, Kind, Stored, Matmul, Param, Softmax, int(sizeof...(Children)), {-1, -1}};
    int i = 0;
    ((r.children[i++] = Children), ...);
    return r;
}

template <class Node, class Nodes, class Children = typename Node::children>
struct row_of;
template <class Node, class Nodes, class... Cs>
struct row_of<Node, Nodes, type_list<Cs...>> {
    using softmax = typename shared_softmax<Node>::type;  // void if none
    using type = row_info<Node::rows, Node::cols, node_kind_v<Node>, needs_stored_operands_v<Node>, is_matmul_v<Node>,
                          is_param_v<Node>, contains_t<softmax, Nodes>::value ? int(index_of_t<softmax, Nodes>::value) : -1,
                          int(index_of_t<Cs, Nodes>::value)...>;
};

constexpr long dim_at(int d, long n) noexcept { return d == batch_dim ? n : long(d); }

}  // namespace detail

/// Roots are the output (or loss) followed by one gradient per param of Wrt, in order.
template <class Nodes, class Roots, class Wrt = detail::type_list<>>
struct plan_for;

template <class... Ns, class... Rs, class... Ws>
struct plan_for<detail::type_list<Ns...>, detail::type_list<Rs...>, detail::type_list<Ws...>> {
    using nodes = detail::type_list<Ns...>;
    static constexpr std::size_t size = sizeof...(Ns);
    static constexpr std::size_t root_count = sizeof...(Rs);

    // (No node is batch x batch: compile() has checked, with EXPRNET_MSG_BATCH_SQUARED.)

    static constexpr std::array<node_row, size> rows{detail::make_row(typename detail::row_of<Ns, nodes>::type{})...};
    static constexpr std::array<int, root_count> roots{int(detail::index_of_t<Rs, nodes>::value)...};
    /// For each node, the gradient root (1..k) of the param it is, or 0.
    static constexpr std::array<int, size> param_root = [] {
        std::array<int, size> a{};
        int r = 1;
        ((detail::contains_t<Ws, nodes>::value ? void(a[detail::index_of_t<Ws, nodes>::value] = r++) : void(++r)), ...);
        return a;
    }();

    /// Whether node i is a product computed as Eigen's lazyProduct (eval/gemm_policy.hpp).
    static constexpr bool lazy_product(int i, long n, bool dynamic) noexcept {
        if (!rows[i].is_matmul) return false;
        const long ct = dynamic ? -1 : n;
        const node_row& a = rows[rows[i].children[0]];
        return uses_lazy_product(detail::dim_at(a.rows, ct), detail::dim_at(rows[i].cols, ct), detail::dim_at(a.cols, ct),
                                 a.is_param);
    }

    /// Multiply-adds of the products for batch size n. Every product runs once, in its own step
    /// or fused into its only reader, so this needs no schedule.
    static constexpr long multiply_adds(long n) noexcept {
        long total = 0;
        for (const node_row& row : rows)
            if (row.is_matmul) {
                const node_row& a = rows[row.children[0]];
                total += detail::dim_at(a.rows, n) * detail::dim_at(a.cols, n) * detail::dim_at(row.cols, n);
            }
        return total;
    }

    /// Calls f(leaf, pure) for every param leaf step i reads (through its fused expression);
    /// pure: reached through elementwise nodes only (so it is read at the element written).
    template <class F>
    static constexpr void for_params_read(const schedule<size>& s, int i, F&& f) {
        int stack[2 * size + 2]{};
        bool pure[2 * size + 2]{};
        int top = 0;
        const bool elementwise = rows[i].kind == node_kind::elementwise;
        for (int c = 0; c < rows[i].n_children; ++c) {
            pure[top] = elementwise;
            stack[top++] = rows[i].children[c];
        }
        while (top > 0) {
            const int j = stack[--top];
            const bool p = pure[top];
            if (param_root[j] > 0) f(j, p);
            if (s.materialised[j]) continue;
            for (int c = 0; c < rows[j].n_children; ++c) {
                pure[top] = p && rows[j].kind == node_kind::elementwise;
                stack[top++] = rows[j].children[c];
            }
        }
    }

    /// Phase 3 of `make` (below): the steps, in order (`steps`, `step_count`). Steps run in
    /// topological order, except that an update (a gradient written into its param's slot)
    /// waits until every other step that reads that param has run, so that a fused SGD call
    /// can subtract it from the param in place. Sets in_place_ok.
    static constexpr void order_steps(schedule<size>& s) {
        constexpr int m = int(size);
        std::array<int, root_count> last_reader{};
        // (A forward program has no updates; g++ 12 would warn about last_reader[1] below.)
        if constexpr (root_count > 1)
            for (int i = 0; i < m; ++i)
                if (s.materialised[i] && s.grad_slot[i] < 0)
                    for_params_read(s, i, [&](int leaf, bool) {
                        if (i > last_reader[param_root[leaf]]) last_reader[param_root[leaf]] = i;
                    });
        std::array<bool, root_count> updated{};
        std::array<bool, size> emitted{};
        const auto emit = [&](int i) {
            if (emitted[i]) return;
            // A softmax shared with the loss (shared_softmax) runs just before the loss reads it.
            const int k = rows[i].softmax;
            if (k >= 0 && s.materialised[k] && s.grad_slot[k] < 0 && !emitted[k]) {
                emitted[k] = true;
                s.steps[s.step_count++] = k;
            }
            emitted[i] = true;
            s.steps[s.step_count++] = i;
        };
        // Applies param r's update computed by node i: it must not read a param already
        // updated, nor its own param other than at the element it writes.
        const auto update = [&](int i, int r) {
            for_params_read(s, i, [&](int leaf, bool pure) {
                const int q = param_root[leaf];
                if (updated[q] || (q == r && !pure)) s.in_place_ok = false;
            });
            updated[r] = true;
        };
        // Update r is due after node max(i, last reader): lists of the updates due at each
        // node, in root order (one pass over the roots, not one per node: depth² steps).
        std::array<int, size> first_due{};
        std::array<int, root_count> next_due{};
        for (int r = int(root_count) - 1; r >= 1; --r) {
            const int i = roots[r];
            if (s.grad_slot[i] != r) continue;
            const int at = i > last_reader[r] ? i : last_reader[r];
            next_due[r] = first_due[at];
            first_due[at] = r;
        }
        for (int j = 0; j < m; ++j) {
            if (s.materialised[j] && s.grad_slot[j] < 0) emit(j);
            for (int r = first_due[j]; r != 0; r = next_due[r]) {
                update(roots[r], r);
                emit(roots[r]);
            }
        }
        // Gradients without a slot of their own are applied after the steps, in order.
        for (int r = 1; r < int(root_count); ++r) {
            const int i = roots[r];
            if (s.grad_slot[i] == r) continue;
            if (param_root[i] > 0) {  // the gradient is a param leaf itself
                if (updated[param_root[i]] && param_root[i] != r) s.in_place_ok = false;
                updated[r] = true;
            } else if (s.materialised[i]) {  // read from its buffer
                updated[r] = true;
            } else {  // a view, read through
                update(i, r);
            }
        }
    }

    // ---- The phases of `make`, in order; each is constexpr and can be tested on its own ------

    /// Phase 1 (needs no batch size): how many times each node is read, and which nodes must
    /// be in memory because a reader needs its operands stored (a product's, a softmax's...).
    struct node_uses {
        std::array<int, size> uses{};     ///< roots count once; a view used twice reads its operand twice
        std::array<bool, size> stored{};  ///< read by a node with stored operands (through views)
    };
    static constexpr node_uses count_uses() {
        node_uses u;
        for (int r = 0; r < int(root_count); ++r) ++u.uses[roots[r]];
        for (int i = int(size) - 1; i >= 0; --i) {  // parents before children
            const node_row& row = rows[i];
            for (int c = 0; c < row.n_children; ++c) {
                const int child = row.children[c];
                u.uses[child] += row.kind == node_kind::view ? (u.uses[i] > 0 ? u.uses[i] : 1) : 1;
                if (row.stored_operands || (row.kind == node_kind::view && u.stored[i])) u.stored[child] = true;
            }
        }
        return u;
    }

    /// Phase 2: which nodes get a buffer (`materialised`) and which gradients are written
    /// straight into their arena slot (`grad_slot`); sets `uses`, and offsets and last reads
    /// to -1 (not yet known). Kernels always get a buffer; an elementwise node (or a small
    /// lazy product) only when it is read twice or must be in memory, else it fuses into its
    /// reader. The first root always gets a step; a gradient root read by nothing else is
    /// written into its param's slot (in the gradient arena or, for a fused SGD call,
    /// subtracted from the param itself).
    static constexpr void choose_buffers(schedule<size>& s, const node_uses& u, long n, bool dynamic) {
        for (int i = 0; i < int(size); ++i) {
            // A small fixed-size product is a lazy (coefficient-based) Eigen expression, so it
            // fuses into its consumer like an elementwise node: `tanh(W * h + b)` is one loop.
            const bool fusible = rows[i].kind == node_kind::elementwise || lazy_product(i, n, dynamic);
            s.uses[i] = u.uses[i];
            s.materialised[i] = fusible ? u.uses[i] > 1 || u.stored[i] : rows[i].kind == node_kind::kernel;
            s.grad_slot[i] = -1;
            s.offset[i] = -1;
            s.last_read[i] = -1;
        }
        s.materialised[roots[0]] = true;
        for (int r = 1; r < int(root_count); ++r) {
            const int i = roots[r];
            if (rows[i].kind == node_kind::elementwise || rows[i].kind == node_kind::kernel) {
                s.materialised[i] = true;
                if (i != roots[0] && s.uses[i] == 1) s.grad_slot[i] = r;
            }
        }
    }

    // Phase 3: order_steps (above).
    /// Phase 4: the last step reading each buffer. A step reads the buffers at the frontier of
    /// its fused expression (and a shared softmax's, for a softmax_ce).
    static constexpr void find_last_reads(schedule<size>& s) {
        for (int p = 0; p < s.step_count; ++p) {
            int stack[2 * size + 2]{};
            int top = 0;
            const node_row& row = rows[s.steps[p]];
            for (int c = 0; c < row.n_children; ++c) stack[top++] = row.children[c];
            if (row.softmax >= 0) stack[top++] = row.softmax;
            while (top > 0) {
                const int j = stack[--top];
                if (s.materialised[j]) {
                    s.last_read[j] = p;
                } else {
                    for (int c = 0; c < rows[j].n_children; ++c) stack[top++] = rows[j].children[c];
                }
            }
        }
    }

    /// Phase 5: the workspace offset of every step's buffer (gradient slots are in the arena),
    /// first fit, each `padded_size`d; a buffer is released after its last reader has been
    /// given its own buffer, so no step writes over what it reads. Roots stay alive.
    static constexpr void lay_out_workspace(schedule<size>& s, long n) {
        std::array<bool, size> is_root{};
        for (int r = 0; r < int(root_count); ++r) is_root[roots[r]] = true;
        std::array<int, size> live{};  // nodes whose buffers are live, by increasing offset
        int live_count = 0;
        std::array<long, size> length{};
        for (int p = 0; p < s.step_count; ++p) {
            const int i = s.steps[p];
            if (s.grad_slot[i] < 0) {
                const long need = long(padded_size(std::size_t(detail::dim_at(rows[i].rows, n) * detail::dim_at(rows[i].cols, n))));
                long at = 0;
                int pos = 0;
                for (; pos < live_count && at + need > s.offset[live[pos]]; ++pos) {
                    const long end = s.offset[live[pos]] + length[live[pos]];
                    if (end > at) at = end;
                }
                for (int q = live_count; q > pos; --q) live[q] = live[q - 1];
                live[pos] = i;
                ++live_count;
                s.offset[i] = at;
                length[i] = need;
                if (at + need > s.workspace_size) s.workspace_size = at + need;
            }
            int kept = 0;
            for (int q = 0; q < live_count; ++q)
                if (s.last_read[live[q]] != p || is_root[live[q]]) live[kept++] = live[q];
            live_count = kept;
        }
    }

    /// Phase 6: the GEMM packing panels, after the buffers: one region, as large as the largest
    /// product that `uses_gemm` needs (products run one at a time).
    static constexpr void add_gemm_panels(schedule<size>& s, long n, bool dynamic) {
        long scratch = 0;
        const long ct = dynamic ? -1 : n;
        for (int p = 0; p < s.step_count; ++p) {
            const node_row& row = rows[s.steps[p]];
            if (!row.is_matmul) continue;
            const node_row& a = rows[row.children[0]];
            const long m = detail::dim_at(a.rows, n), k = detail::dim_at(a.cols, n), c = detail::dim_at(row.cols, n);
            if (uses_gemm(detail::dim_at(a.rows, ct), detail::dim_at(row.cols, ct), detail::dim_at(a.cols, ct)) &&
                gemm_scratch_size(m, c, k) > scratch)
                scratch = gemm_scratch_size(m, c, k);
        }
        s.gemm_offset = s.workspace_size;
        s.workspace_size += scratch;
    }

    /// The schedule for batch size n (constexpr for a fixed batch); `dynamic` says whether
    /// the batch is a run-time size (which decides how products are computed).
    static constexpr schedule<size> make(long n, bool dynamic = false) {
        schedule<size> s;
        choose_buffers(s, count_uses(), n, dynamic);
        order_steps(s);
        find_last_reads(s);
        lay_out_workspace(s, n);
        add_gemm_panels(s, n, dynamic);
        return s;
    }
};

}  // namespace exprnet
