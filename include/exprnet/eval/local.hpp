/// @file
/// Defines the step-local form of a program: every step (and every gradient copied after the
/// steps) as its fused expression with each operand read from memory (a buffer, a param, an
/// input) replaced by `slot<K, ...>`, the K-th pointer of a small `frame`, plus a table of
/// where each slot points. The program runs `local_job<...>::run` for each step.
/// Shapes: a slot has its node's shape and storage order. Backward: nothing specific.
/// Evaluation: the Eigen code of a step depends only on what the step computes, not on the rest
/// of the program. That is for compile time: the functions the compiler instantiates for a
/// step are named by short local types (a name holding the whole program is O(depth) long, and
/// a program has O(depth) steps: quadratic), and equal layers share them. The pointers are
/// constants from `constexpr` tables, so after inlining a fixed-batch step reads the same
/// addresses as one written against the whole program.
#pragma once

#include <exprnet/detail/type_list.hpp>
#include <exprnet/eval/evaluator.hpp>
#include <exprnet/eval/node_kind.hpp>
#include <exprnet/expr/binary.hpp>
#include <exprnet/expr/broadcast.hpp>
#include <exprnet/expr/leaf.hpp>
#include <exprnet/expr/matmul.hpp>
#include <exprnet/expr/reduce.hpp>
#include <exprnet/expr/softmax.hpp>
#include <exprnet/expr/transpose.hpp>
#include <exprnet/expr/unary.hpp>

#include <Eigen/Core>

#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

namespace exprnet {

namespace detail {

/// Operand K of a step: an R×C block in memory, in storage order `Order`, 16-byte aligned or
/// not (inputs are the caller's matrices); `Param` says whether it is a param (the product
/// code treats a param left factor specially, eval/gemm_policy.hpp).
template <int K, int R, int C, int Order, bool Aligned, bool Param>
struct slot : expr_base {
    static constexpr int index = K;
    static constexpr int rows = R;
    static constexpr int cols = C;
    static constexpr int order = Order;
    static constexpr bool aligned = Aligned;
    using children = type_list<>;
};

template <class T>
inline constexpr bool is_slot_v = false;
template <int K, int R, int C, int Order, bool Aligned, bool Param>
inline constexpr bool is_slot_v<slot<K, R, C, Order, Aligned, Param>> = true;

}  // namespace detail

template <int K, int R, int C, int Order, bool Aligned>
inline constexpr bool is_param_v<detail::slot<K, R, C, Order, Aligned, true>> = true;

namespace detail {

/// Node N with its children replaced by Cs (every node type the evaluator knows).
template <class N, class... Cs>
struct rebuild {
    static_assert(dependent_false_v<N>, "exprnet internal: a node type without a rebuild rule");
};
template <class Op, class A, class A2>
struct rebuild<unary<Op, A>, A2> {
    using type = unary<Op, A2>;
};
template <class Op, class A, class B, class A2, class B2>
struct rebuild<binary<Op, A, B>, A2, B2> {
    using type = binary<Op, A2, B2>;
};
template <class A, class B, class A2, class B2>
struct rebuild<matmul<A, B>, A2, B2> {
    using type = matmul<A2, B2>;
};
template <class A, class A2>
struct rebuild<transpose_node<A>, A2> {
    using type = transpose_node<A2>;
};
template <class A, int R, int C, class A2>
struct rebuild<broadcast<A, R, C>, A2> {
    using type = broadcast<A2, R, C>;
};
template <class A, class A2>
struct rebuild<sum_all<A>, A2> {
    using type = sum_all<A2>;
};
template <class A, class A2>
struct rebuild<rowwise_sum<A>, A2> {
    using type = rowwise_sum<A2>;
};
template <class A, class A2>
struct rebuild<colwise_sum<A>, A2> {
    using type = colwise_sum<A2>;
};
template <class S, class S2>
struct rebuild<softmax_node<S>, S2> {
    using type = softmax_node<S2>;
};
template <class S, class S2>
struct rebuild<log_softmax_node<S>, S2> {
    using type = log_softmax_node<S2>;
};
template <class S, class Y, class S2, class Y2>
struct rebuild<softmax_ce<S, Y>, S2, Y2> {
    using type = softmax_ce<S2, Y2>;
};

/// Where a slot's pointer comes from.
enum class home_kind : unsigned char { none, workspace, param, grad, input, direction };

struct slot_home {
    home_kind kind = home_kind::none;
    long offset = 0;  ///< scalars from the base (workspace, arena), or the input's index
    int node = -1;    ///< for a dynamic batch, whose workspace offsets are known at run time
    int order = Eigen::ColMajor;
    bool aligned = true;
    bool param = false;
};

/// A slot_home as a type of numbers.
template <home_kind Kind, long Offset, int Order, bool Aligned, bool Param>
struct home_info {};
template <home_kind Kind, long Offset, int Order, bool Aligned, bool Param>
constexpr slot_home to_home(home_info<Kind, Offset, Order, Aligned, Param>) {
    return {Kind, Offset, -1, Order, Aligned, Param};
}

/// What a call provides: the bases the slot homes are relative to.
template <class Scalar>
struct frame_bases {
    Scalar* workspace;
    const long* offsets;  ///< the run-time schedule's workspace offsets (dynamic batch)
    const Scalar* params;
    Scalar* grads;
    const Scalar* const* inputs;
    Scalar* scratch;
    Eigen::Index n;
    Scalar alpha;
    const Scalar* directions;  ///< a second-order program's direction arena (the params' layout)

    // Always inlined: the slot_home is a constant of the table, so the switch folds away.
    template <bool Dynamic>
    EIGEN_ALWAYS_INLINE Scalar* pointer(const slot_home& h) const {
        switch (h.kind) {
            case home_kind::workspace: return workspace + (Dynamic ? offsets[h.node] : h.offset);
            case home_kind::param: return const_cast<Scalar*>(params) + h.offset;  // only read
            case home_kind::grad: return grads + h.offset;
            case home_kind::input: return const_cast<Scalar*>(inputs[h.offset]);  // only read
            case home_kind::direction: return const_cast<Scalar*>(directions) + h.offset;  // only read
            default: return nullptr;
        }
    }
};

/// The Eigen arrays of a context whose batch is Batch (Eigen::Dynamic for dynamic_batch): the
/// base of a step's `frame` and of the program's `context` (eval/program.hpp), through which
/// the evaluators read `Ctx::ct_dim` and `Ctx::array_type`.
template <class Scalar, int Batch>
struct context_arrays {
    static constexpr int ct_dim(int d) { return d == batch_dim ? Batch : d; }
    /// Eigen's Options for an R×C array stored in `order` (vectors have only one valid order).
    static constexpr int options(int r, int c, int order) {
        return r == 1 && c != 1 ? Eigen::RowMajor : c == 1 && r != 1 ? Eigen::ColMajor : order;
    }
    template <int R, int C, int Order = Eigen::ColMajor>
    using array_type = Eigen::Array<Scalar, ct_dim(R), ct_dim(C), options(ct_dim(R), ct_dim(C), Order)>;
};

/// What a step's evaluators see in place of the program's context: its K operands, the batch
/// and the GEMM panels. Shared is `type_list<softmax_node<S>, slot<...>>` when the step is a
/// softmax_ce whose softmax has a buffer (eval/node_kind.hpp, shared_softmax), else void.
template <class Scalar, int Batch, int K, class Shared = void>
struct frame : context_arrays<Scalar, Batch> {
    using scalar = Scalar;
    static constexpr int batch = Batch;
    static constexpr bool dynamic = Batch == Eigen::Dynamic;

    static constexpr int slots = K;
    std::array<const Scalar*, std::size_t(K) + 1> at;  // + 1: a step may read nothing
    Scalar* scratch;
    Eigen::Index n;

    // A fixed batch is a constant here, so that sizes and counts (the N of a mean) fold away.
    Eigen::Index dim(int d) const { return d == batch_dim ? (dynamic ? n : Eigen::Index(batch)) : Eigen::Index(d); }
    Scalar* gemm_scratch() const { return scratch; }

    template <class N>
    static constexpr bool has_buffer() {
        if constexpr (std::is_void_v<Shared>) return false;
        else return std::is_same_v<N, at_t<0, Shared>>;
    }

    /// The Eigen expression of N: a map of its slot, or built (fused) in place.
    template <class N>
    auto expr() const {
        if constexpr (is_slot_v<N>) {
            using A = typename frame::template array_type<N::rows, N::cols, N::order>;
            return Eigen::Map<const A, N::aligned ? Eigen::Aligned16 : Eigen::Unaligned>(at[std::size_t(N::index)], dim(N::rows),
                                                                                        dim(N::cols));
        } else if constexpr (has_buffer<N>()) {
            return expr<at_t<1, Shared>>();
        } else {
            return evaluator<N>::build(*this);
        }
    }
};

enum class job_mode : unsigned char { assign, run, add, update };

/// One step (or gradient copy) in local form: Local is the node computed, Frame its operands,
/// the output an R×C block in storage order `Order`.
template <class Local, class Frame, int Order, job_mode Mode>
struct local_job {
    // Inlined into the program's call, like one assignment written there: a tiny net's steps are
    // a few instructions each, and a call per step would cost as much as the step.
    template <class Scalar>
    EIGEN_ALWAYS_INLINE static void run(const frame_bases<Scalar>& b, const slot_home* slots, const slot_home& out) {
        const Frame f = make_frame(b, slots, std::make_index_sequence<std::size_t(Frame::slots)>{});
        using A = typename Frame::template array_type<Local::rows, Local::cols, Order>;
        Eigen::Map<A, Eigen::Aligned16> dst(b.template pointer<Frame::dynamic>(out), f.dim(Local::rows), f.dim(Local::cols));
        if constexpr (Mode == job_mode::run) evaluator<Local>::run(f, dst);
        else if constexpr (Mode == job_mode::update) evaluator<Local>::update(f, dst, b.alpha);
        else if constexpr (Mode == job_mode::add) dst += b.alpha * f.template expr<Local>();
        else dst = f.template expr<Local>();
    }

private:
    template <class Scalar, std::size_t... Ks>
    EIGEN_ALWAYS_INLINE static Frame make_frame(const frame_bases<Scalar>& b, const slot_home* slots, std::index_sequence<Ks...>) {
        return Frame{{}, {b.template pointer<Frame::dynamic>(slots[Ks])..., nullptr}, b.scratch, b.n};
    }
};

/// The local form of every job of a program (its steps, then the gradients copied after them):
/// the slots each reads, where they point, and the job types. Built once per program and
/// arena types, at compile time, in time linear in the jobs' fused expressions, in phases:
///
///   0. leaf_homes, grad_homes  where each param and input leaf is, where each gradient goes
///   1. list_jobs()             the jobs: the program's steps in order, then the gradient copies
///   2. collect_slots()         per job, the nodes it reads from memory (its slots), and the
///                              home each slot points at (`table`)
///   3. list_out_homes()        where each job writes
///   4. job<Q>::type            job Q's types: its node in local form, its frame, its mode
///
/// Phases 0 to 3 are constexpr values and functions of numbers (tests/eval/local.phases.cpp
/// checks them one by one); phase 4 is types only.
template <class Program, class ParamArena, class GradArena, bool InPlace>
struct local_table {
    using nodes = typename Program::nodes;
    using plan = typename Program::plan;
    using wrt = typename Program::wrt_params;
    static constexpr int size = int(plan::size);
    static constexpr int step_count = Program::structure.step_count;

    // ---- Phase 0: where leaves and gradients live ------------------------------------------

    // Per node, for a param or input leaf: where the leaf is, as a type of numbers (no variable
    // or function is named after the program once per node: see the file comment).
    template <class N, bool Param = is_param_v<N>, bool Input = is_input_v<N>, bool Direction = is_direction_v<N>>
    struct leaf_home {
        using type = home_info<home_kind::none, 0, Eigen::ColMajor, true, false>;
    };
    /// A direction has its param's place in the direction arena, of the param arena's type.
    template <class N>
    struct leaf_home<N, false, false, true> {
        using P = typename N::param;
        using type = home_info<home_kind::direction, long(ParamArena::offsets[index_of_t<P, typename ParamArena::params>::value]),
                               ParamArena::template order_of<P>, true, false>;
    };
    template <class N>
    struct leaf_home<N, true, false, false> {
        using type = home_info<home_kind::param, long(ParamArena::offsets[index_of_t<N, typename ParamArena::params>::value]),
                               ParamArena::template order_of<N>, true, true>;
    };
    template <class N>
    struct leaf_home<N, false, true, false> {
        using type = home_info<home_kind::input, long(index_of_t<N, typename Program::inputs>::value), Eigen::ColMajor, false, false>;
    };
    template <class... Ns>
    static constexpr std::array<slot_home, sizeof...(Ns) + 1> leaf_homes_of(type_list<Ns...>) {
        return {to_home(typename leaf_home<Ns>::type{})..., slot_home{}};
    }
    /// Per node: where it is if it is a param or input leaf, else home_kind::none.
    static constexpr std::array<slot_home, std::size_t(size) + 1> leaf_homes = leaf_homes_of(nodes{});

    template <class... Ps>
    static constexpr std::array<slot_home, sizeof...(Ps) + 1> grad_homes_of(type_list<Ps...>) {
        return {slot_home{},
                to_home(home_info<home_kind::grad, long(GradArena::offsets[index_of_t<Ps, typename GradArena::params>::value]),
                                  GradArena::template order_of<Ps>, true, false>{})...};
    }
    /// The gradient arena's slot of each param of wrt(...), by root (1..k; 0 unused).
    static constexpr std::array<slot_home, wrt::size + 1> grad_homes = grad_homes_of(wrt{});

    /// Where node j's buffer is: its gradient slot, or its workspace offset.
    static constexpr slot_home buffer_home(int j) {
        const auto& s = Program::structure;
        if (s.grad_slot[std::size_t(j)] > 0) return grad_homes[std::size_t(s.grad_slot[std::size_t(j)])];
        slot_home h;
        h.kind = home_kind::workspace;
        h.offset = s.offset[std::size_t(j)];
        h.node = j;
        return h;
    }

    // ---- Phase 1: the jobs ------------------------------------------------------------------

    /// The gradient roots copied into the arena after the steps (no slot of their own).
    static constexpr int count_copies() {
        int c = 0;
        for (int r = 1; r < int(plan::root_count); ++r)
            if (Program::structure.grad_slot[std::size_t(plan::roots[std::size_t(r)])] != r) ++c;
        return c;
    }
    static constexpr int copy_count = count_copies();
    static constexpr int job_count = step_count + copy_count;

    struct job_row {
        int root = -1;     ///< the node computed (a step) or read (a copy)
        int wrt_root = 0;  ///< a copy: the gradient root (1..k) it writes
        int first = 0;     ///< its slots: slots[first .. first + count)
        int count = 0;
        int shared = -1;   ///< the slot of a shared softmax, or -1
    };
    using job_rows = std::array<job_row, std::size_t(job_count) + 1>;

    /// The jobs, with only `root` and `wrt_root` set: the steps in the program's order, then a
    /// copy for each gradient root without a slot of its own, in root order.
    static constexpr job_rows list_jobs() {
        job_rows jobs{};
        for (int p = 0; p < step_count; ++p) jobs[std::size_t(p)].root = Program::structure.steps[std::size_t(p)];
        int q = step_count;
        for (int r = 1; r < int(plan::root_count); ++r) {
            const int i = plan::roots[std::size_t(r)];
            if (Program::structure.grad_slot[std::size_t(i)] == r) continue;
            jobs[std::size_t(q)].root = i;
            jobs[std::size_t(q)].wrt_root = r;
            ++q;
        }
        return jobs;
    }

    // ---- Phase 2: the slots of each job -----------------------------------------------------

    /// Calls f(job, node, is_shared_softmax) for the nodes job reads from memory, each once per
    /// job: the buffers and leaves at the frontier of a step's fused expression (the step's own
    /// node is computed, not read), or the node a copy reads; for counting and for filling, so
    /// both passes agree.
    template <class F>
    static constexpr void for_each_slot(const job_rows& jobs, F&& f) {
        const auto& s = Program::structure;
        const auto& rows = plan::rows;
        std::array<int, 2 * std::size_t(size) + 2> stack{};
        std::array<int, std::size_t(size) + 1> seen{};  // job + 1 that last took the node as a slot
        for (int q = 0; q < job_count; ++q) {
            const int i = jobs[std::size_t(q)].root;
            const bool step = q < step_count;
            int top = 0;
            const auto take = [&](int j) {
                if (seen[std::size_t(j)] == q + 1) return;
                seen[std::size_t(j)] = q + 1;
                f(q, j, false);
            };
            if (step && leaf_homes[std::size_t(i)].kind == home_kind::none) {  // its operands
                for (int c = rows[std::size_t(i)].n_children - 1; c >= 0; --c) stack[std::size_t(top++)] = rows[std::size_t(i)].children[c];
            } else {
                stack[std::size_t(top++)] = i;
            }
            while (top > 0) {
                const int j = stack[std::size_t(--top)];
                if ((s.materialised[std::size_t(j)] && !(step && j == i)) || leaf_homes[std::size_t(j)].kind != home_kind::none) {
                    take(j);
                } else {
                    for (int c = rows[std::size_t(j)].n_children - 1; c >= 0; --c) stack[std::size_t(top++)] = rows[std::size_t(j)].children[c];
                }
            }
            const int k = rows[std::size_t(i)].softmax;
            if (step && k >= 0 && s.materialised[std::size_t(k)]) f(q, k, true);
        }
    }

    static constexpr int count_slots() {
        int total = 0;
        for_each_slot(list_jobs(), [&](int, int, bool) { ++total; });
        return total;
    }
    static constexpr int slot_total = count_slots();

    struct tables {
        job_rows jobs{};
        std::array<slot_home, std::size_t(slot_total) + 1> slots{};
        std::array<int, std::size_t(slot_total) + 1> node{};  ///< the node each slot reads
    };
    /// The jobs with their slot ranges (`first`, `count`, `shared`), and each slot's home and
    /// node: job q's slot k is slots[jobs[q].first + k].
    static constexpr tables collect_slots() {
        tables t;
        t.jobs = list_jobs();
        int at = 0;
        for_each_slot(t.jobs, [&](int q, int j, bool shared) {
            job_row& job = t.jobs[std::size_t(q)];
            if (job.count == 0) job.first = at;
            const bool buffer = Program::structure.materialised[std::size_t(j)] && !(q < step_count && j == job.root);
            t.slots[std::size_t(at)] = buffer ? buffer_home(j) : leaf_homes[std::size_t(j)];
            t.node[std::size_t(at)] = j;
            if (shared) job.shared = job.count;
            ++job.count;
            ++at;
        });
        for (int q = 0; q < job_count; ++q)
            if (t.jobs[std::size_t(q)].count == 0) t.jobs[std::size_t(q)].first = at;  // an empty range
        return t;
    }
    static constexpr tables table = collect_slots();

    /// The slot of node j in job q, or -1 (a search of the job's few slots).
    static constexpr int slot_of(int q, int j) {
        const job_row& job = table.jobs[std::size_t(q)];
        for (int k = 0; k < job.count; ++k)
            if (table.node[std::size_t(job.first + k)] == j) return k;
        return -1;
    }
    /// The slot of node j in job q, or -1 when the job computes j (fused or its own node).
    static constexpr int local_slot(int q, int j) {
        const bool own = q < step_count && j == table.jobs[std::size_t(q)].root && leaf_homes[std::size_t(j)].kind == home_kind::none;
        return own ? -1 : slot_of(q, j);
    }
    static constexpr const slot_home& slot_at(int q, int k) { return table.slots[std::size_t(table.jobs[std::size_t(q)].first + k)]; }

    // ---- Phase 3: where each job writes -----------------------------------------------------

    /// A step writes its node's buffer (workspace or gradient slot); a copy, its gradient slot.
    static constexpr std::array<slot_home, std::size_t(job_count) + 1> list_out_homes() {
        std::array<slot_home, std::size_t(job_count) + 1> a{};
        for (int q = 0; q < job_count; ++q) {
            const job_row& job = table.jobs[std::size_t(q)];
            a[std::size_t(q)] = q < step_count ? buffer_home(job.root) : grad_homes[std::size_t(job.wrt_root)];
        }
        return a;
    }
    static constexpr std::array<slot_home, std::size_t(job_count) + 1> out_homes = list_out_homes();

    // ---- Phase 4: the job types -------------------------------------------------------------

    /// How job q runs, given the kind of its node.
    static constexpr job_mode mode_of(int q, node_kind kind) {
        if (q >= step_count) return InPlace ? job_mode::add : job_mode::assign;
        const bool kernel = kind == node_kind::kernel;
        if (InPlace && Program::structure.grad_slot[std::size_t(table.jobs[std::size_t(q)].root)] > 0)
            return kernel ? job_mode::update : job_mode::add;
        return kernel ? job_mode::run : job_mode::assign;
    }

    // Only types below: no variable or function is named after the program once per node.

    /// Node N of job Q in local form.
    template <int Q, class N>
    struct localize {
        template <class M, int K, class Cs = typename M::children>
        struct form {
            using type = slot<K, M::rows, M::cols, slot_at(Q, K).order, slot_at(Q, K).aligned, slot_at(Q, K).param>;
        };
        template <class M, class C, class... Cs>
        struct form<M, -1, type_list<C, Cs...>> {
            using type = typename rebuild<M, typename localize<Q, C>::type, typename localize<Q, Cs>::type...>::type;
        };
        template <class M>
        struct form<M, -1, type_list<>> {  // a constant, zero or count leaf
            using type = M;
        };
        using type = typename form<N, local_slot(Q, int(index_of_t<N, nodes>::value))>::type;
    };

    /// A softmax_ce whose softmax has a buffer reads it (evaluator<softmax_ce>, has_buffer).
    template <int Q, class Local, int K = table.jobs[std::size_t(Q)].shared>
    struct shared_of {
        using softmax = softmax_node<at_t<0, typename Local::children>>;
        using type = type_list<softmax, slot<K, softmax::rows, softmax::cols, slot_at(Q, K).order, slot_at(Q, K).aligned, slot_at(Q, K).param>>;
    };
    template <int Q, class Local>
    struct shared_of<Q, Local, -1> {
        using type = void;
    };

    template <int Q>
    struct job {
        using local = typename localize<Q, at_t<std::size_t(table.jobs[std::size_t(Q)].root), nodes>>::type;
        using frame_type = frame<typename Program::scalar, Program::batch, table.jobs[std::size_t(Q)].count, typename shared_of<Q, local>::type>;
        using type = local_job<local, frame_type, out_homes[std::size_t(Q)].order, mode_of(Q, node_kind_v<local>)>;
    };
};

}  // namespace detail
}  // namespace exprnet
