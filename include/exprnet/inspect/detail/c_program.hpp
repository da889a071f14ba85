/// @file
/// Internals of inspect/emit_c.hpp: `c_program<Program, ParamArena>`, which writes the C99
/// functions of a compiled program from its jobs in local form (eval/local.hpp, the list the
/// program's call runs), one job after the other, each as a commented block of loops.
/// Shapes: the batch is the program's (fixed). Backward: a training program's gradient jobs
/// write the gradient block, or, for the fused SGD step, add -lr times it to the params.
/// Evaluation: host-only; one instantiation per job type, plus one per program for the tables.
#pragma once

#include <exprnet/eval/arena.hpp>
#include <exprnet/eval/local.hpp>
#include <exprnet/inspect/detail/c_nodes.hpp>
#include <exprnet/inspect/detail/c_text.hpp>
#include <exprnet/inspect/to_string.hpp>

#include <Eigen/Core>

#include <cstddef>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace exprnet {

// A job's operand prints as a marker holding its slot number, replaced by the operand's C
// name (c_program::comment), so that the comment reads like the code: `t7 = relu(t5 + b1)`.
template <int K, int R, int C, int Order, bool Aligned, bool Param>
struct printer<detail::slot<K, R, C, Order, Aligned, Param>> {
    static void print(std::string& out) {
        out += '\x01';
        out += std::to_string(K);
        out += '\x02';
    }
};

namespace detail {

template <class Node>
inline constexpr bool is_softmax_ce_v = false;
template <class S, class Y>
inline constexpr bool is_softmax_ce_v<softmax_ce<S, Y>> = true;

/// The code of one job type: the comment line and the loops.
template <class Job>
struct c_job_code;
template <class Local, class Frame, int Order, job_mode Mode>
struct c_job_code<local_job<Local, Frame, Order, Mode>> {
    static constexpr bool accumulates = Mode == job_mode::add || Mode == job_mode::update;
    static constexpr int rows = Local::rows;
    static constexpr int cols = Local::cols;

    /// The job's expression with its operands' names (`\x01K\x02` markers still in).
    static std::string what() {
        std::string text;
        print_to<Local>(text);
        return text;
    }

    static void emit(c_job& c, std::string& out, const c_text::strided& block) {
        const c_destination d{block, c.dim(Local::rows), c.dim(Local::cols), Order == Eigen::RowMajor, accumulates};
        if constexpr (Mode == job_mode::run || Mode == job_mode::update) {
            if constexpr (is_softmax_ce_v<Local>) c_node<Local>::template kernel<typename c_shared_softmax<Frame>::type>(c, out, d, 4);
            else c_node<Local>::kernel(c, out, d, 4);
        } else {
            c_text::nest(out, d.loops(), {d.store(d.i(), d.j(), c_text::unparenthesised(c_node<Local>::at(c, d.i(), d.j())))}, 4);
        }
    }
};

/// A param as the emitted file describes it.
struct c_param {
    std::string id;     ///< its C name
    std::string grad;   ///< the C name of its gradient block
    std::string label;  ///< the user's name
    long offset = 0, rows = 0, cols = 0;
    bool row_major = false;
};

/// The parts of one emitted function.
enum class c_function { forward, train_step, sgd_step };

template <class Program, class ParamArena>
class c_program {
public:
    using scalar = typename Program::scalar;
    using grad_arena = arena<typename ParamArena::params, scalar, grads_role, typename ParamArena::row_major>;

    c_text::scalar_spelling spelling{sizeof(scalar) == 4};
    c_text::helpers helpers;
    std::string prefix;
    std::string macro;  ///< the prefix in capitals, for the #defines
    bool baked = false;
    bool uses_workspace = false;  ///< whether any function has a buffer in the workspace
    std::vector<c_param> params;      ///< in arena order
    std::vector<std::string> inputs;  ///< C names, in the program's order of inputs
    std::vector<std::string> input_labels;

    c_program(std::string pfx, bool baked_params) : prefix(std::move(pfx)), baked(baked_params), names_(prefix) {
        for (char ch : prefix) macro += (ch >= 'a' && ch <= 'z') ? char(ch - 'a' + 'A') : ch;
        add_params(typename ParamArena::params{});
        add_inputs(typename Program::inputs{});
        for (c_param& p : params) p.grad = names_.take("d" + p.id);
    }

    /// The C name of where a slot points (kind workspace: node `t<index>`, or `out` for the
    /// output of a forward function).
    std::string name_of(const slot_home& h, c_function f) const {
        switch (h.kind) {
            case home_kind::param: return param_at(h.offset).id;
            case home_kind::grad: return f == c_function::sgd_step ? param_at(h.offset).id : param_at(h.offset).grad;
            case home_kind::input: return inputs[std::size_t(h.offset)];
            case home_kind::workspace:
                return f == c_function::forward && h.node == Program::plan::roots[0] ? "out" : "t" + std::to_string(h.node);
            default: return "?";
        }
    }

    /// The function's definition.
    template <bool InPlace>
    std::string function(c_function f) {
        using table = local_table<Program, ParamArena, std::conditional_t<InPlace, ParamArena, grad_arena>, InPlace>;
        const std::string T = spelling.type();
        body_.clear();
        declared_.clear();
        declarations_.clear();
        used_.clear();
        alpha_ = false;
        emit_jobs<table>(f, std::make_index_sequence<std::size_t(table::job_count)>{});

        std::vector<std::pair<std::string, std::string>> args;  // name, declaration
        if (!baked) args.push_back({"params", (InPlace ? T + " *" : "const " + T + " *") + "params"});
        if (f == c_function::train_step) args.push_back({"grads", T + " *grads"});
        for (const std::string& x : inputs) args.push_back({x, "const " + T + " *" + x});
        if (f == c_function::forward) args.push_back({"out", T + " *out"});
        if (f == c_function::sgd_step) args.push_back({"lr", T + " lr"});
        std::string text = (f == c_function::forward ? std::string("void ") : T + " ") + prefix + "_" +
                           (f == c_function::forward ? "forward" : f == c_function::train_step ? "train_step" : "sgd_step") + "(";
        for (std::size_t a = 0; a < args.size(); ++a) text += (a ? ", " : "") + args[a].second;
        if (args.empty()) text += "void";
        text += ") {\n";
        for (const auto& [name, decl] : args)
            if (!used_.count(name) && !(name == "lr" && alpha_)) text += "    (void)" + name + ";\n";
        if (alpha_) text += "    const " + T + " alpha = -lr;\n";
        text += declarations_ + body_;
        if (f != c_function::forward)
            text += "    return " + name_of(table::buffer_home(Program::plan::roots[0]), f) + "[0];\n";
        return text + "}\n";
    }

    /// Scalars of the workspace (without the GEMM panels, which the C code does not use).
    static constexpr long workspace_size = Program::structure.gemm_offset;

private:
    template <class... Ps>
    void add_params(type_list<Ps...>) {
        (add_param<Ps>(), ...);
    }
    template <class P>
    void add_param() {
        c_param p;
        p.label = std::string(P::name.view());
        p.id = names_.take(p.label);
        p.offset = long(ParamArena::template offset_of<P>());
        p.rows = P::rows;
        p.cols = P::cols;
        p.row_major = ParamArena::template order_of<P> == Eigen::RowMajor && P::rows > 1;
        params.push_back(p);
    }
    template <class... Xs>
    void add_inputs(type_list<Xs...>) {
        ((input_labels.push_back(std::string(Xs::name.view())), inputs.push_back(names_.take(Xs::name.view()))), ...);
    }
    const c_param& param_at(long offset) const {
        for (const c_param& p : params)
            if (p.offset == offset) return p;
        return params.front();  // unreachable: every param or gradient home is an arena slot
    }

    /// Declares the pointer a home is read or written through (once per function), and
    /// records the function arguments the code uses.
    std::string use(const slot_home& h, c_function f) {
        const std::string name = name_of(h, f);
        const std::string T = spelling.type();
        std::string decl;
        if (h.kind == home_kind::param || (h.kind == home_kind::grad && f == c_function::sgd_step)) {
            const std::string base = baked ? prefix + "_params" : "params";
            used_.insert(base);
            decl = (f == c_function::sgd_step ? T + " *const " : "const " + T + " *const ") + name + " = " + base + " + " + macro +
                   "_OFFSET_" + param_at(h.offset).id + ";";
        } else if (h.kind == home_kind::grad) {
            used_.insert("grads");
            decl = T + " *const " + name + " = grads + " + macro + "_OFFSET_" + param_at(h.offset).id + ";";
        } else if (h.kind == home_kind::workspace && name != "out") {
            uses_workspace = true;
            decl = T + " *const " + name + " = " + prefix + "_workspace + " + std::to_string(h.offset) + ";";
        }
        used_.insert(name);
        if (!decl.empty() && declared_.insert(name).second) declarations_ += "    " + decl + "\n";
        return name;
    }

    template <class Table, std::size_t... Qs>
    void emit_jobs(c_function f, std::index_sequence<Qs...>) {
        // A braced list, not a fold: clang limits folds to 256 operands (eval/program.hpp).
        [[maybe_unused]] const int done[] = {0, (emit_job<typename Table::template job<int(Qs)>::type>(
                                                     f, int(Qs), Table::table.slots.data() + Table::table.jobs[Qs].first,
                                                     Table::table.jobs[Qs].count, Table::out_homes[Qs], int(Qs) < Table::step_count),
                                                 0)...};
    }

    template <class Job>
    void emit_job(c_function f, int q, const slot_home* slots, int count, const slot_home& out_home, bool step) {
        c_job c{spelling, helpers, prefix, Program::batch, {}};
        for (int k = 0; k < count; ++k) c.slots.push_back(use(slots[k], f));
        const std::string dst = use(out_home, f);
        const bool rm = out_home.order == Eigen::RowMajor;
        const long rows = c.dim(c_job_code<Job>::rows), cols = c.dim(c_job_code<Job>::cols);
        // The comment: what the job computes, with the names of the code.
        std::string what = c_text::comment_safe(c_job_code<Job>::what());
        for (std::size_t at = what.find('\x01'); at != std::string::npos; at = what.find('\x01', at)) {
            const std::size_t end = what.find('\x02', at);
            const std::string& name = c.slots[std::size_t(std::stoi(what.substr(at + 1, end - at - 1)))];
            what.replace(at, end - at + 1, name);
            at += name.size();
        }
        const bool accumulates = c_job_code<Job>::accumulates;
        alpha_ = alpha_ || accumulates;
        body_ += "\n    /* " + (step ? "step " + std::to_string(q) : std::string("gradient")) + ", " + std::to_string(rows) + "x" +
                 std::to_string(cols) + ": " + dst + (accumulates ? " -= lr * " + c_text::operand(what) : " = " + what) + " */\n";
        c_job_code<Job>::emit(c, body_, c_text::dense(dst, rows, cols, rm));
    }

    c_text::names names_;
    std::string body_, declarations_;
    std::set<std::string> declared_, used_;
    bool alpha_ = false;
};

}  // namespace detail
}  // namespace exprnet
