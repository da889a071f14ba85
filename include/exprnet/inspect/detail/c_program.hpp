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
#include <exprnet/inspect/detail/c_code.hpp>
#include <exprnet/inspect/detail/c_rows.hpp>
#include <exprnet/inspect/detail/c_text.hpp>
#include <exprnet/inspect/detail/slot_printer.hpp>
#include <exprnet/inspect/to_string.hpp>

#include <Eigen/Core>

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace exprnet::detail {

/// For the printers of inspect/to_string.hpp: operand K of the job prints as the C name of
/// the block it reads.
struct c_slot_names {
    const std::vector<std::string>& slots;
    template <class N>
    const std::string* name_of() const {
        if constexpr (is_slot_v<N>) return &slots[std::size_t(N::index)];
        else return nullptr;
    }
};

/// A job type as the writer needs it: its comment text, its table of rows (the root last),
/// the softmax buffer a softmax_ce step reads (kind slot, or none: slot -1), the storage order
/// of its destination and how it runs.
struct c_job_type {
    void (*what)(std::string&, const std::vector<std::string>&);
    const c_row* rows;
    int root;
    c_row shared;
    int order;
    job_mode mode;
};

/// The softmax buffer a softmax_ce step reads (frame's Shared, eval/local.hpp), as a row.
template <class Frame>
struct c_shared_row {
    static constexpr c_row row{c_kind::slot, nullptr, 0, 0, -1, -1, -1};
};
template <class Scalar, int Batch, int K, class Softmax, class Slot>
struct c_shared_row<frame<Scalar, Batch, K, type_list<Softmax, Slot>>> {
    static constexpr c_row row = c_own<Slot>::row;
};

template <class Job>
struct c_job_code;
template <class Local, class Frame, int Order, job_mode Mode>
struct c_job_code<local_job<Local, Frame, Order, Mode>> {
    /// The job's expression, its operands by the names of the code.
    static void what(std::string& text, const std::vector<std::string>& slots) { print_to<Local>(text, c_slot_names{slots}); }
    static constexpr c_job_type type{&what, c_rows<Local>::rows.data(), c_rows<Local>::size - 1, c_shared_row<Frame>::row, Order, Mode};
};

/// The code of a job: loops storing its expression, or its kernel.
inline void c_emit_job(c_job& c, std::string& out, const c_text::strided& block, const c_job_type& t) {
    const c_row& root = t.rows[t.root];
    const bool accumulates = t.mode == job_mode::add || t.mode == job_mode::update;
    const c_destination d{block, c.dim(root.rows), c.dim(root.cols), t.order == Eigen::RowMajor, accumulates};
    if (t.mode == job_mode::run || t.mode == job_mode::update) {
        c_kernel(c, out, d, t.rows, t.root, t.shared.slot >= 0 ? &t.shared : nullptr);
    } else {
        c_text::nest(out, d.loops(), {d.store(d.i(), d.j(), c_text::unparenthesised(c_at(c, t.rows, t.root, d.i(), d.j())))}, 4);
    }
}

/// A param as the emitted file describes it.
struct c_param {
    std::string id;     ///< its C name
    std::string grad;   ///< the C name of its gradient block
    std::string label;  ///< the user's name
    long offset = 0, rows = 0, cols = 0;
    bool row_major = false;
    std::string direction = {};  ///< the C name of its direction block (a jvp or hvp program)
};

/// The emitted functions.
enum class c_function { forward, train_step, sgd_step };

/// Everything of the file that does not depend on the program's type: names, declarations,
/// the text of each job around its code, the functions' signatures.
class c_writer {
public:
    c_text::scalar_spelling spelling;
    c_text::helpers helpers;
    std::string prefix;
    std::string macro;  ///< the prefix in capitals, for the #defines
    bool baked = false;
    bool uses_workspace = false;      ///< whether any function has a buffer in the workspace
    bool directions = false;          ///< a jvp or hvp program: the functions take `directions`
    std::vector<c_param> params;      ///< in arena order
    std::vector<std::string> inputs;  ///< C names, in the program's order of inputs
    std::vector<std::string> input_labels;
    std::vector<long> input_rows;
    long batch;  ///< the program's
    std::vector<std::string> prototypes;  ///< of the functions written so far

    c_writer(std::string pfx, bool baked_params, bool is_float, long batch_size, int output)
        : spelling{is_float}, prefix(std::move(pfx)), macro(capitals(prefix)), baked(baked_params), batch(batch_size), output_(output),
          names_(prefix, macro) {}

    void add_param(std::string_view label, long offset, long rows, long cols, bool row_major) {
        params.push_back({names_.take(label), "", std::string(label), offset, rows, cols, row_major && rows > 1 && cols > 1});
    }
    void add_input(std::string_view label, long rows) {
        input_labels.emplace_back(label);
        input_rows.push_back(rows);
        inputs.push_back(names_.take(label));
    }
    /// After the params and inputs: the gradients' names (and the directions', v_W1).
    void name_gradients() {
        for (c_param& p : params) p.grad = names_.take("d" + p.id);
        if (directions)
            for (c_param& p : params) p.direction = names_.take("v_" + p.id);
    }

    /// Starts the text of function f.
    void begin(c_function f) {
        function_ = f;
        body_.clear();
        declarations_.clear();
        declared_.clear();
        used_.clear();
        alpha_ = false;
    }

    /// Job q: its slots, where it writes, whether it is a step (or a gradient copied after
    /// them), and its type.
    void job(int q, const slot_home* slots, int count, const slot_home& out_home, bool step, const c_job_type& type) {
        c_job c{spelling, helpers, prefix, batch, {}};
        for (int k = 0; k < count; ++k) c.slots.push_back(use(slots[k]));
        const std::string dst = use(out_home);
        const long rows = c.dim(type.rows[type.root].rows), cols = c.dim(type.rows[type.root].cols);
        const bool accumulates = type.mode == job_mode::add || type.mode == job_mode::update;
        // The comment: what the job computes, with the names of the code.
        std::string what;
        type.what(what, c.slots);
        what = c_text::comment_safe(what);
        alpha_ = alpha_ || accumulates;
        body_ += "\n    /* " + (step ? "step " + std::to_string(q) : std::string("gradient")) + ", " + std::to_string(rows) + "x" +
                 std::to_string(cols) + ": " + dst + (accumulates ? " -= lr * " + c_text::operand(what) : " = " + what) + " */\n";
        c_emit_job(c, body_, c_text::dense(dst, rows, cols, out_home.order == Eigen::RowMajor), type);
    }

    /// The function's definition, after its jobs; `result` is where the loss is (training).
    std::string finish(const slot_home& result) {
        const c_function f = function_;
        const std::string T = spelling.type();
        std::vector<std::pair<std::string, std::string>> args;  // name, declaration
        if (!baked) args.push_back({"params", (f == c_function::sgd_step ? T + " *" : "const " + T + " *") + "params"});
        if (directions) args.push_back({"directions", "const " + T + " *directions"});
        if (f == c_function::train_step) args.push_back({"grads", T + " *grads"});
        for (const std::string& x : inputs) args.push_back({x, "const " + T + " *" + x});
        if (f == c_function::forward) args.push_back({"out", T + " *out"});
        if (f == c_function::sgd_step) args.push_back({"lr", T + " lr"});
        std::string text = (f == c_function::forward ? std::string("void ") : T + " ") + prefix + "_" +
                           (f == c_function::forward ? "forward" : f == c_function::train_step ? "train_step" : "sgd_step") + "(";
        for (std::size_t a = 0; a < args.size(); ++a) text += (a ? ", " : "") + args[a].second;
        if (args.empty()) text += "void";
        text += ")";
        prototypes.push_back(text + ";");
        text += " {\n";
        for (const auto& [name, decl] : args)
            if (!used_.count(name) && !(name == "lr" && alpha_)) text += "    (void)" + name + ";\n";
        if (alpha_) text += "    const " + T + " alpha = -lr;\n";
        text += declarations_ + body_;
        if (f != c_function::forward) text += "    return " + name_of(result) + "[0];\n";
        return text + "}\n";
    }

private:
    static std::string capitals(std::string s) {
        for (char& ch : s) ch = (ch >= 'a' && ch <= 'z') ? char(ch - 'a' + 'A') : ch;
        return s;
    }
    const c_param& param_at(long offset) const {
        for (const c_param& p : params)
            if (p.offset == offset) return p;
        return params.front();  // unreachable: every param or gradient home is an arena slot
    }

    /// The C name of where a slot points (kind workspace: node `t<index>`, or `out` for the
    /// output of a forward function).
    std::string name_of(const slot_home& h) const {
        switch (h.kind) {
            case home_kind::param: return param_at(h.offset).id;
            case home_kind::grad: return function_ == c_function::sgd_step ? param_at(h.offset).id : param_at(h.offset).grad;
            case home_kind::input: return inputs[std::size_t(h.offset)];
            case home_kind::direction: return param_at(h.offset).direction;
            case home_kind::workspace: return function_ == c_function::forward && h.node == output_ ? "out" : "t" + std::to_string(h.node);
            default: return "?";
        }
    }

    /// Declares the pointer a home is read or written through (once per function), and
    /// records the function arguments the code uses.
    std::string use(const slot_home& h) {
        const std::string name = name_of(h);
        const std::string T = spelling.type();
        const bool sgd = function_ == c_function::sgd_step;
        std::string decl;
        if (h.kind == home_kind::param || (h.kind == home_kind::grad && sgd)) {
            const std::string base = baked ? prefix + "_params" : "params";
            used_.insert(base);
            decl = (sgd ? T + " *const " : "const " + T + " *const ") + name + " = " + base + " + " + macro + "_OFFSET_" +
                   param_at(h.offset).id + ";";
        } else if (h.kind == home_kind::direction) {
            used_.insert("directions");
            decl = "const " + T + " *const " + name + " = directions + " + macro + "_OFFSET_" + param_at(h.offset).id + ";";
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

    int output_;  ///< the node of the program's output (or loss)
    c_text::names names_;
    c_function function_ = c_function::forward;
    std::string body_, declarations_;
    std::set<std::string> declared_, used_;
    bool alpha_ = false;
};

/// The writer for one program and param arena: the names of its params and inputs, and its
/// functions from its tables of jobs.
template <class Program, class ParamArena>
class c_program : public c_writer {
public:
    using scalar = typename Program::scalar;
    using grad_arena = arena<typename ParamArena::params, scalar, grads_role, typename ParamArena::row_major>;

    /// Scalars of the workspace (without the GEMM panels, which the C code does not use).
    static constexpr long workspace_size = Program::structure.gemm_offset;

    c_program(std::string pfx, bool baked_params)
        : c_writer(std::move(pfx), baked_params, sizeof(scalar) == 4, Program::batch, Program::plan::roots[0]) {
        add_params(typename ParamArena::params{});
        add_inputs(typename Program::inputs{});
        directions = Program::has_directions;
        name_gradients();
    }

    /// The definition of f; InPlace for the SGD step.
    template <bool InPlace>
    std::string function(c_function f) {
        using table = local_table<Program, ParamArena, std::conditional_t<InPlace, ParamArena, grad_arena>, InPlace>;
        begin(f);
        jobs<table>(std::make_index_sequence<std::size_t(table::job_count)>{});
        return finish(table::buffer_home(Program::plan::roots[0]));
    }

private:
    template <class... Ps>
    void add_params(type_list<Ps...>) {
        (add_param(Ps::name.view(), long(ParamArena::template offset_of<Ps>()), Ps::rows, Ps::cols,
                   ParamArena::template order_of<Ps> == Eigen::RowMajor),
         ...);
    }
    template <class... Xs>
    void add_inputs(type_list<Xs...>) {
        (add_input(Xs::name.view(), Xs::rows), ...);
    }

    template <class Table, std::size_t... Qs>
    void jobs(std::index_sequence<Qs...>) {
        // A braced list, not a fold: clang limits folds to 256 operands (eval/program.hpp).
        [[maybe_unused]] const int done[] = {
            0, (job(int(Qs), Table::table.slots.data() + Table::table.jobs[Qs].first, Table::table.jobs[Qs].count, Table::out_homes[Qs],
                    int(Qs) < Table::step_count, c_job_code<typename Table::template job<int(Qs)>::type>::type),
                0)...};
    }
};

}  // namespace exprnet::detail
