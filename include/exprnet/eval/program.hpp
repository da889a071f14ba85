/// @file
/// Defines `program<Roots, Wrt, Scalar, Batch>`, what `compile` returns: the planned steps of a
/// forward pass (one root) or of a training pass (the loss and one gradient root per param),
/// its workspace, and its `constexpr` figures (parameter count, workspace bytes, multiply-adds).
/// A program whose nodes include direction leaves (jvp, hvp: diff/tangent.hpp) also reads a
/// direction arena of the params' type, its call's second argument.
/// Shapes: the batch is a compile-time constant, or Eigen::Dynamic for any number of columns.
/// Backward: gradient roots are written straight into the gradient arena.
/// Evaluation: each step is one Eigen assignment; no heap allocation in a call (a dynamic-batch
/// program allocates only when a call has more columns than it has reserved).
#pragma once

#include <exprnet/core/assert.hpp>
#include <exprnet/core/diagnostics.hpp>
#include <exprnet/eval/alignment.hpp>
#include <exprnet/eval/arena.hpp>
#include <exprnet/eval/binding.hpp>
#include <exprnet/eval/call_guard.hpp>
#include <exprnet/eval/evaluator.hpp>
#include <exprnet/eval/local.hpp>
#include <exprnet/eval/plan.hpp>
#include <exprnet/eval/sgd.hpp>
#include <exprnet/graph/topo.hpp>

#include <Eigen/Core>

#include <array>
#include <cmath>
#include <cstddef>
#include <utility>

namespace exprnet {

namespace detail {

/// check_finite's report (defined in eval/check_finite.hpp, which defines the option): stops the
/// call with a message naming job `job` as print(program) shows it, and the value and its place.
template <class Program>
void report_non_finite(int job, Eigen::Index row, Eigen::Index col, double value);

template <class List>
struct roots_nodes;
template <class... Rs>
struct roots_nodes<type_list<Rs...>> {
    using type = nodes_of_t<Rs...>;
};

/// Where every materialised node of a program lives during one call, and the maps onto it.
/// InPlace: a fused SGD call, whose gradient slots are the params themselves (GradArena is
/// then the param arena) and whose gradients are added to them scaled by `alpha` = -lr.
template <class Program, class ParamArena, class GradArena, bool InPlace = false>
struct context : context_arrays<typename Program::scalar, Program::batch> {  // eval/local.hpp
    using scalar = typename Program::scalar;
    using nodes = typename Program::nodes;
    static constexpr int batch = Program::batch;

    const schedule<Program::plan::size>& sched;
    scalar* workspace;
    const ParamArena& params;
    GradArena* grads;
    std::array<const scalar*, Program::inputs::size + 1> inputs;
    Eigen::Index n;
    scalar alpha = scalar(0);
    const scalar* directions = nullptr;  ///< a second-order program's direction arena

    // A fixed batch is a constant here, so that sizes and counts (the N of a mean) fold away.
    Eigen::Index dim(int d) const { return dim(d, n); }
    static Eigen::Index dim(int d, Eigen::Index n) {
        return d == batch_dim ? (Program::dynamic ? n : Eigen::Index(batch)) : Eigen::Index(d);
    }

    /// The storage order of node N's home: its gradient slot's, or column-major.
    template <class N>
    static constexpr int order_of() {
        constexpr int slot = Program::structure.grad_slot[index_of_v<N, nodes>];
        if constexpr (slot > 0) return GradArena::template order_of<at_t<std::size_t(slot - 1), typename Program::wrt_params>>;
        else return Eigen::ColMajor;
    }

    template <class N>
    scalar* home() const {
        constexpr int i = int(index_of_v<N, nodes>);
        constexpr int slot = Program::structure.grad_slot[i];
        if constexpr (slot > 0) {
            using P = at_t<std::size_t(slot - 1), typename Program::wrt_params>;
            return grads->data() + GradArena::template offset_of<P>();
        } else if constexpr (!Program::dynamic) {
            return workspace + Program::structure.offset[i];  // a compile-time offset
        } else {
            return workspace + sched.offset[i];
        }
    }
    scalar* gemm_scratch() const {
        if constexpr (!Program::dynamic) return workspace + Program::structure.gemm_offset;
        else return workspace + sched.gemm_offset;
    }

    template <class N>
    auto buffer() const {
        using A = typename context::template array_type<N::rows, N::cols, order_of<N>()>;
        return Eigen::Map<A, Eigen::Aligned16>(home<N>(), dim(N::rows), dim(N::cols));
    }

    /// Runs the steps, then copies the gradients that have no slot of their own (leaves,
    /// views, or shared with another root), each in its step-local form (eval/local.hpp).
    /// Inlined into the call, like the steps, so that the bases stay in registers.
    EIGEN_ALWAYS_INLINE void run() const {
        using table = local_table<Program, ParamArena, GradArena, InPlace>;
        const frame_bases<scalar> bases{workspace,     sched.offset.data(), params.data(), grads ? grads->data() : nullptr,
                                        inputs.data(), gemm_scratch(),      n,             alpha,
                                        directions};
        run_jobs<table>(bases, std::make_index_sequence<std::size_t(table::job_count)>{});
    }

    template <class Table, std::size_t... Qs>
    EIGEN_ALWAYS_INLINE static void run_jobs(const frame_bases<scalar>& bases, [[maybe_unused]] std::index_sequence<Qs...>) {
        // A braced list runs the jobs in order, like a comma fold, without clang's limit of
        // 256 operands per fold (a deep net has hundreds of steps).
        [[maybe_unused]] const int done[] = {
            0, (Table::template job<int(Qs)>::type::run(bases, Table::table.slots.data() + Table::table.jobs[Qs].first,
                                                         Table::out_homes[Qs]),
                Program::check_finite ? check_job<Table, int(Qs)>(bases) : void(), 0)...};
    }

    /// check_finite: stops at the first value of job Q's result that is not finite.
    template <class Table, int Q>
    static void check_job(const frame_bases<scalar>& b) {
        using local = typename Table::template job<Q>::local;
        constexpr slot_home out = Table::out_homes[std::size_t(Q)];
        const Eigen::Index rows = dim(local::rows, b.n), cols = dim(local::cols, b.n);
        const scalar* values = b.template pointer<Program::dynamic>(out);
        for (Eigen::Index k = 0; k < rows * cols; ++k)
            if (!std::isfinite(values[k])) {
                const bool by_rows = out.order == Eigen::RowMajor && rows > 1 && cols > 1;
                report_non_finite<Program>(Q, by_rows ? k / cols : k % rows, by_rows ? k % cols : k / rows, double(values[k]));
                return;
            }
    }
};

/// A fixed-batch program's workspace: inline, so a static program is one .bss block of
/// exactly object_bytes: the workspace and the call guard (an embedded build checks this
/// against the linker's figure).
template <class Scalar, std::size_t Size, std::size_t PlanSize, bool Fixed>
struct workspace_storage {
    alignas(block_alignment) std::array<Scalar, Size> data{};
    Scalar* get() noexcept { return data.data(); }
};
/// A dynamic-batch program's workspace, on the heap (Eigen's aligned allocator), with the
/// schedule for the columns reserved.
template <class Scalar, std::size_t Size, std::size_t PlanSize>
struct workspace_storage<Scalar, Size, PlanSize, false> {
    Eigen::Array<Scalar, Eigen::Dynamic, 1> data;
    schedule<PlanSize> sched{};
    Eigen::Index capacity = 0;
    Scalar* get() noexcept { return data.data(); }
};

}  // namespace detail

template <class Roots, class WrtParams, class Scalar, int Batch, bool CheckFinite = false>
class program {
public:
    using scalar = Scalar;
    using roots = Roots;
    using wrt_params = WrtParams;
    using nodes = typename detail::roots_nodes<Roots>::type;
    using plan = plan_for<nodes, Roots, WrtParams>;
    using inputs = typename detail::filter<nodes, detail::is_input>::type;
    using params = typename detail::filter<nodes, detail::is_param>::type;
    /// The direction leaves (diff/tangent.hpp) read from a second arena: a jvp or hvp program's.
    using directions = typename detail::filter<nodes, detail::is_direction>::type;
    static constexpr bool has_directions = directions::size > 0;
    using output = detail::at_t<0, Roots>;

    /// The batch size, or Eigen::Dynamic.
    static constexpr int batch = Batch;
    /// Compiled with the check_finite option (eval/check_finite.hpp): every step's result is
    /// checked, and the first value that is not finite stops the call naming the step.
    static constexpr bool check_finite = CheckFinite;
    static constexpr bool dynamic = Batch == Eigen::Dynamic;

    /// Which nodes have buffers, the steps and where gradients go (independent of the batch).
    static constexpr schedule<plan::size> structure = plan::make(dynamic ? 1 : Batch, dynamic);

    /// Trainable scalars the program reads.
    static constexpr std::size_t parameter_count = arena<params, Scalar, params_role>::parameter_count;
    /// Multiply-adds of the matrix products per sample (forward and, if any, backward).
    /// (The part that grows with the batch; a product of params alone, such as W2 * W1, is
    /// computed once per call and counted only in multiply_adds_per_call.)
    static constexpr long multiply_adds_per_sample = plan::multiply_adds(2) - plan::multiply_adds(1);
    /// Multiply-adds of the matrix products in one call with n columns (a fixed-batch program
    /// always has n = batch).
    static constexpr long multiply_adds_per_call(long n = dynamic ? 1 : Batch) { return plan::multiply_adds(n); }
    /// Steps (assignments) the program runs per call.
    static constexpr int step_count = structure.step_count;
    /// Workspace scalars per call, for a fixed batch (a dynamic program: see workspace_bytes_for).
    static constexpr std::size_t workspace_size = dynamic ? 0 : std::size_t(structure.workspace_size);
    static constexpr std::size_t workspace_bytes = workspace_size * sizeof(Scalar);
    /// What a batch<N> program object occupies: its workspace (rounded up to block_alignment)
    /// and its call guard (one flag, padded to the same alignment), so a static program is one
    /// block of this size. A dynamic_batch program's workspace is on the heap: 0 here.
    static constexpr std::size_t object_bytes =
        dynamic ? 0 : (workspace_bytes + block_alignment - 1) / block_alignment * block_alignment + block_alignment;

    static constexpr std::size_t workspace_bytes_for(long n) {
        return std::size_t(plan::make(n, dynamic).workspace_size) * sizeof(Scalar);
    }

    /// Dynamic batch only: plans and allocates the workspace for up to n columns, so that later
    /// calls with at most n columns allocate nothing.
    void reserve(Eigen::Index n) requires dynamic {
        const detail::call_scope one_call(guard_);
        grow(n);
    }
    Eigen::Index capacity() const noexcept {
        if constexpr (dynamic) return storage_.capacity;
        else return Batch;
    }

    // The call operators are always inlined into the caller, like run(): a small net's whole
    // pass is a few dozen instructions, and an extra call level measurably costs (bench/README.md).

    /// Training call: runs forward and backward, writes every gradient of wrt(...) into `grads`,
    /// returns the loss.
    template <class ParamArena, class GradArena, class... Bindings>
        requires(WrtParams::size > 0 && !has_directions && requires { typename GradArena::params; })
    EIGEN_ALWAYS_INLINE Scalar operator()(const ParamArena& p, GradArena& g, const Bindings&... bindings) {
        return train(p, static_cast<const ParamArena*>(nullptr), g, bindings...);
    }

    /// Second-order call (an hvp program, or a gradient of an expression with directions):
    /// reads the directions from `v`, an arena of the params' type, and writes each gradient
    /// root (for hvp: H·v for each param of wrt(...)) into `hv`; returns the loss.
    template <class ParamArena, class DirectionArena, class GradArena, class... Bindings>
        requires(WrtParams::size > 0 && has_directions && requires { typename GradArena::params; })
    EIGEN_ALWAYS_INLINE Scalar operator()(const ParamArena& p, const DirectionArena& v, GradArena& hv,
                                          const Bindings&... bindings) {
        static_assert(std::is_same_v<DirectionArena, ParamArena>, EXPRNET_MSG_DIRECTION_ARENA);
        if constexpr (!std::is_same_v<DirectionArena, ParamArena>) return Scalar(0);
        else return train(p, &v, hv, bindings...);
    }

    /// Fused SGD call: runs forward and backward and subtracts lr times each gradient of
    /// wrt(...) from its param in place, never storing the gradient (a weight gradient's
    /// product accumulates straight into the weights); returns the loss before the update.
    template <class ParamArena, class S, class... Bindings>
        requires(WrtParams::size > 0 && !has_directions)
    EIGEN_ALWAYS_INLINE Scalar operator()(ParamArena& p, sgd<S> rule, const Bindings&... bindings) {
        static_assert(detail::all_in_v<params, typename ParamArena::params>, EXPRNET_MSG_ARENA_LACKS_PARAM);
        static_assert(std::is_same_v<typename ParamArena::scalar, Scalar>, EXPRNET_MSG_ARENA_SCALAR);
        static_assert(structure.in_place_ok, EXPRNET_MSG_SGD_IN_PLACE);
        constexpr bool bound = detail::call_bindings<inputs, Scalar, Batch, Bindings...>::check();  // reports
        if constexpr (!arenas_fit<ParamArena, ParamArena> || !structure.in_place_ok || !bound) {
            return Scalar(0);  // reported above
        } else {
            const detail::call_scope one_call(guard_);
            auto ctx = make_context<true>(p, &p, bindings...);
            ctx.alpha = -Scalar(rule.learning_rate);
            ctx.run();
            return ctx.template buffer<output>()(0, 0);
        }
    }

    /// Forward call: returns the output as a map into the program's workspace (valid until the
    /// next call).
    template <class ParamArena, class... Bindings>
        requires(WrtParams::size == 0 && !has_directions)
    EIGEN_ALWAYS_INLINE auto operator()(const ParamArena& p, const Bindings&... bindings) {
        return forward(p, static_cast<const ParamArena*>(nullptr), bindings...);
    }

    /// Forward call of a jvp program: reads the directions from `v`, an arena of the params'
    /// type, and returns the output (the directional derivative) as a map into the workspace.
    template <class ParamArena, class DirectionArena, class... Bindings>
        requires(WrtParams::size == 0 && has_directions && requires { typename DirectionArena::params; })
    EIGEN_ALWAYS_INLINE auto operator()(const ParamArena& p, const DirectionArena& v, const Bindings&... bindings) {
        static_assert(std::is_same_v<DirectionArena, ParamArena>, EXPRNET_MSG_DIRECTION_ARENA);
        return forward(p, &v, bindings...);
    }

private:
    template <class ParamArena, class GradArena, class... Bindings>
    EIGEN_ALWAYS_INLINE Scalar train(const ParamArena& p, const ParamArena* v, GradArena& g, const Bindings&... bindings) {
        static_assert(detail::all_in_v<params, typename ParamArena::params>, EXPRNET_MSG_ARENA_LACKS_PARAM);
        static_assert(detail::all_in_v<WrtParams, typename GradArena::params>, EXPRNET_MSG_ARENA_LACKS_PARAM);
        static_assert(std::is_same_v<typename GradArena::scalar, Scalar> && std::is_same_v<typename ParamArena::scalar, Scalar>,
                      EXPRNET_MSG_ARENA_SCALAR);
        constexpr bool bound = detail::call_bindings<inputs, Scalar, Batch, Bindings...>::check();  // reports
        if constexpr (!arenas_fit<ParamArena, GradArena> || !bound) {
            return Scalar(0);  // reported above; no follow-up errors from the steps
        } else {
            const detail::call_scope one_call(guard_);
            auto ctx = make_context(p, &g, bindings...);
            ctx.directions = v ? v->data() : nullptr;
            ctx.run();
            return ctx.template buffer<output>()(0, 0);
        }
    }

    template <class ParamArena, class... Bindings>
    EIGEN_ALWAYS_INLINE auto forward(const ParamArena& p, const ParamArena* v, const Bindings&... bindings) {
        static_assert(detail::all_in_v<params, typename ParamArena::params>, EXPRNET_MSG_ARENA_LACKS_PARAM);
        static_assert(std::is_same_v<typename ParamArena::scalar, Scalar>, EXPRNET_MSG_ARENA_SCALAR);
        constexpr int rows = output::rows == batch_dim ? Batch : output::rows;
        constexpr int cols = output::cols == batch_dim ? Batch : output::cols;
        using M = Eigen::Matrix<Scalar, rows, cols>;
        constexpr bool bound = detail::call_bindings<inputs, Scalar, Batch, Bindings...>::check();  // reports
        if constexpr (!arenas_fit<ParamArena, ParamArena> || !bound) {
            // Reported above; an empty result keeps the caller's code free of follow-up errors.
            return Eigen::Map<const M, Eigen::Aligned16>(nullptr, rows < 0 ? 0 : rows, cols < 0 ? 0 : cols);
        } else {
            const detail::call_scope one_call(guard_);
            auto ctx = make_context(p, static_cast<ParamArena*>(nullptr), bindings...);
            ctx.directions = v ? v->data() : nullptr;
            ctx.run();
            return Eigen::Map<const M, Eigen::Aligned16>(ctx.template home<output>(), ctx.dim(output::rows),
                                                         ctx.dim(output::cols));
        }
    }

    /// Whether the arenas hold what the program reads and writes, in its scalar type (the
    /// call operators report each failure with a catalogued message, then do nothing).
    template <class ParamArena, class GradArena>
    static constexpr bool arenas_fit =
        detail::all_in_v<params, typename ParamArena::params> && std::is_same_v<typename ParamArena::scalar, Scalar> &&
        (WrtParams::size == 0 ||
         (detail::all_in_v<WrtParams, typename GradArena::params> && std::is_same_v<typename GradArena::scalar, Scalar>));

    template <bool InPlace = false, class ParamArena, class GradArena, class... Bindings>
    auto make_context(const ParamArena& p, GradArena* g, const Bindings&... bindings) {
        using ctx_type = detail::context<program, ParamArena, GradArena, InPlace>;
        std::array<const Scalar*, inputs::size + 1> data{};
        Eigen::Index n = dynamic ? -1 : Batch;
        if constexpr (inputs::size == 0) n = dynamic ? 1 : Batch;
        bind(data, n, std::make_index_sequence<inputs::size>{}, bindings...);
        if constexpr (dynamic) grow(n);
        if constexpr (dynamic) return ctx_type{{}, storage_.sched, storage_.get(), p, g, data, n};
        else return ctx_type{{}, structure, storage_.get(), p, g, data, n};
    }

    template <std::size_t... Is, class... Bindings>
    static void bind(std::array<const Scalar*, inputs::size + 1>& data, Eigen::Index& n, std::index_sequence<Is...>,
                     const Bindings&... bindings) {
        // maybe_unused: an expression without inputs expands the fold below over nothing.
        // (Checked at compile time by bindings_fit: every input is bound once, with data of the
        // right type; here the sizes only the run time knows.)
        [[maybe_unused]] const auto one = [&]<std::size_t I>(std::integral_constant<std::size_t, I>) {
            using X = detail::at_t<I, inputs>;
            constexpr int k = detail::binding_index_v<X, Bindings...>;
            const auto& value = std::get<std::size_t(k)>(std::tie(bindings...)).value;
            data[I] = detail::bound_data<Scalar, X>(value);
            if constexpr (dynamic) {
                if constexpr (I == 0) {
                    n = value.cols();
                    EXPRNET_ASSERT(n > 0, detail::empty_batch_message(detail::info_of<X>).text);
                }
                EXPRNET_ASSERT(value.cols() == n,
                               detail::columns_message(detail::info_of<X>, detail::info_of<detail::at_t<0, inputs>>, n,
                                                       value.rows(), value.cols())
                                   .text);
            } else {
                EXPRNET_ASSERT(value.cols() == Batch, detail::batch_message(detail::info_of<X>, Batch, value.rows(), value.cols()).text);
            }
        };
        (one(std::integral_constant<std::size_t, Is>{}), ...);
    }

    void grow(Eigen::Index n) requires dynamic {
        if (n <= storage_.capacity) return;
        storage_.sched = plan::make(long(n), true);
        storage_.data.setZero(Eigen::Index(storage_.sched.workspace_size));
        storage_.capacity = n;
    }

    detail::workspace_storage<Scalar, workspace_size, plan::size, !dynamic> storage_;
    detail::call_guard guard_;
};

}  // namespace exprnet
