/// @file
/// Defines `exprnet::print(program, label<"h">(h), ...)`: the steps a compiled program runs,
/// as straight-line code with the user's names, one line per step: the value it writes, the
/// fused expression it computes (values in memory by name, everything else inlined), and a
/// comment with its shape, how it runs and where it writes; each backward step also names the
/// gates it applies (CS231n's add distributes, multiply swaps, max routes, branches add).
/// Shapes: R×C, with N for the batch. Backward: dX is the gradient of the loss with respect to
/// the value X. Evaluation: the listing is read from the job table the program's call runs
/// (eval/local.hpp), so it shows exactly what runs. Host-only (std::string).
#pragma once

#include <exprnet/diff/grad.hpp>
#include <exprnet/eval/arena.hpp>
#include <exprnet/eval/local.hpp>
#include <exprnet/eval/program.hpp>
#include <exprnet/inspect/detail/shape_text.hpp>
#include <exprnet/inspect/detail/slot_printer.hpp>
#include <exprnet/inspect/detail/backward_roles.hpp>
#include <exprnet/inspect/gate.hpp>
#include <exprnet/inspect/to_string.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace exprnet {

/// A name for a value of the network, for printing: `label<"h">(relu(W1 * x + b1))`. Its
/// gradient prints as "dh".
template <fixed_string Name, class E>
struct labelled {
    using node = E;
    static constexpr std::string_view name = Name.view();
};
template <fixed_string Name, expression E>
constexpr labelled<Name, E> label(E) {
    return {};
}

namespace detail {

/// For the printers of inspect/to_string.hpp: a node of the program prints as its name if it
/// has one, and operand K of the step being printed (a slot) as the name of what it reads.
template <class Nodes>
struct listing_names {
    const std::vector<std::string>& names;
    const std::vector<std::string>& slots;

    template <class N>
    const std::string* name_of() const {
        if constexpr (is_slot_v<N>) {
            return &slots[std::size_t(N::index)];
        } else if constexpr (contains_t<N, Nodes>::value) {
            const std::string& s = names[index_of_t<N, Nodes>::value];
            return s.empty() ? nullptr : &s;
        } else {
            return nullptr;
        }
    }
};

/// What the chain rule made a node of the program: the gradient of which forward value (the
/// one nearest the loss when several share it: add distributes), and from which gate.
struct gradient_role {
    int of = -1;            ///< the forward node (program index), or -1
    int parents = 0;        ///< edges into that forward node: more than one is a branch
    std::string_view gate;  ///< the single parent's rule, if one
    /// Forward nodes further from the loss with the same gradient, and whether an add gave it
    /// to them unchanged.
    std::vector<std::pair<int, bool>> also;
};

template <class Node>
inline constexpr bool is_softmax_v = false;
template <class S>
inline constexpr bool is_softmax_v<softmax_node<S>> = true;

/// The gradient roles of a training program's nodes, by program index, from the replay of
/// the backward pass (detail/backward_roles.hpp).
template <class Program>
std::vector<gradient_role> gradient_roles() {
    using nodes = typename Program::nodes;
    std::vector<gradient_role> roles(nodes::size);
    if constexpr (Program::wrt_params::size > 0) {
        using replay = backward_roles<typename Program::output, typename Program::wrt_params, nodes>;
        using forward = typename replay::forward;
        constexpr auto& t = replay::value_tables;
        static constexpr auto program_index = []<class... Fs>(type_list<Fs...>) {
            return std::array<int, sizeof...(Fs)>{int(index_of_t<Fs, nodes>::value)...};
        }(forward{});
        // From the loss back, so that a shared gradient is named after the value nearest the
        // loss. A gradient that is a leaf (a constant, a param) prints as itself.
        for (std::size_t f = forward::size; f-- > 0;) {
            if (t.gradient[f] < 0 || t.gradient_leaf[f]) continue;
            gradient_role& r = roles[std::size_t(t.gradient[f])];
            if (r.of >= 0) {
                r.also.emplace_back(program_index[f], t.gate[f].starts_with("add "));
            } else {
                r.of = program_index[f];
                r.parents = t.uses[f];
                r.gate = t.gate[f];
            }
        }
    }
    return roles;
}

template <class... Ns>
std::vector<bool> forward_flags(type_list<Ns...>, auto forward_nodes) {
    return {contains_t<Ns, decltype(forward_nodes)>::value...};
}

/// The printed program: names every value read from memory, then prints each job.
template <class Program, class... Labels>
class listing {
public:
    using nodes = typename Program::nodes;
    using plan = typename Program::plan;
    using scalar = typename Program::scalar;
    using param_arena = arena<typename Program::params, scalar, params_role>;
    using table = local_table<Program, param_arena, param_arena, false>;
    static constexpr bool training = Program::wrt_params::size > 0;
    static constexpr int size = int(plan::size);
    /// Which nodes are softmax probabilities (named p, p2, ...).
    static constexpr auto probabilities_at = []<class... Ns>(type_list<Ns...>) {
        return std::array<bool, sizeof...(Ns)>{is_softmax_v<Ns>...};
    }(nodes{});

    listing() : names_(std::size_t(size)), forward_(forward_flags(nodes{}, nodes_of_t<typename Program::output>{})) {
        // The softmax a softmax cross-entropy loss shares with its gradient runs with the
        // forward steps: it gives the loss its probabilities.
        for (int i = 0; i < size; ++i)
            if (forward_[std::size_t(i)] && plan::rows[std::size_t(i)].softmax >= 0) forward_[std::size_t(plan::rows[std::size_t(i)].softmax)] = true;
        roles_ = gradient_roles<Program>();
        name_values();
    }

    std::string text() const {
        std::string out = header();
        const char* section = "";
        print_jobs(out, section, std::make_index_sequence<std::size_t(table::job_count)>{});
        return out;
    }

    /// Job q as the listing shows it: its section ("forward", "backward", "gradients copied
    /// after the steps") and its line, `lhs = expression;` (for check_finite's messages).
    std::pair<std::string, std::string> job(int q) const {
        std::pair<std::string, std::string> out;
        [&]<std::size_t... Qs>(std::index_sequence<Qs...>) {
            ((int(Qs) == q ? void(out = {section_of<int(Qs)>(), job_line<int(Qs)>()}) : void()), ...);
        }(std::make_index_sequence<std::size_t(table::job_count)>{});
        return out;
    }

private:
    const auto& s() const { return Program::structure; }

    /// Leaves and labels keep their names; other values in memory are named in step order:
    /// the output "loss" (or "out"), forward values t1, t2, ..., gradients dX after the
    /// forward value X (d(expression) if X has no name), other backward values g1, g2, ....
    void name_values() {
        [&]<std::size_t... Is>(std::index_sequence<Is...>) {
            ((is_param_v<at_t<Is, nodes>> || is_input_v<at_t<Is, nodes>> || is_direction_v<at_t<Is, nodes>>
                  ? void(names_[Is] = to_string(at_t<Is, nodes>{}))
                  : void()),
             ...);
        }(std::make_index_sequence<std::size_t(size)>{});
        (label_one<Labels>(), ...);
        const int out = plan::roots[0];
        if (names_[std::size_t(out)].empty()) names_[std::size_t(out)] = training ? "loss" : "out";
        int t = 0, probabilities = 0;
        for (int p = 0; p < s().step_count; ++p) {
            const int i = s().steps[std::size_t(p)];
            if (!forward_[std::size_t(i)] || !names_[std::size_t(i)].empty()) continue;
            names_[std::size_t(i)] = probabilities_at[std::size_t(i)] ? "p" + (probabilities++ ? std::to_string(probabilities) : std::string())
                                             : "t" + std::to_string(++t);
        }
        forward_names_ = names_;
        forward_printed_ = in_memory(names_);
        for (int i = 0; i < size; ++i) {
            const gradient_role& r = roles_[std::size_t(i)];
            if (r.of < 0 || !names_[std::size_t(i)].empty()) continue;
            const bool named = !forward_names_[std::size_t(r.of)].empty();
            // Appended, not `"d" + std::string&&`: g++ 12 -O3 -Wrestrict false positive (GCC 105651).
            std::string& name = names_[std::size_t(i)];
            name = named ? "d" : "d(";
            name += value_text(r.of);
            if (!named) name += ')';
        }
        int g = 0;
        for (int p = 0; p < s().step_count; ++p) {
            const int i = s().steps[std::size_t(p)];
            if (names_[std::size_t(i)].empty()) names_[std::size_t(i)] = "g" + std::to_string(++g);
        }
        printed_ = in_memory(names_);
    }

    /// Only values in memory (leaves and buffers) print as their names inside expressions; a
    /// label on a fused value names its gradient only.
    std::vector<std::string> in_memory(std::vector<std::string> names) const {
        for (int i = 0; i < size; ++i)
            if (plan::rows[std::size_t(i)].kind != node_kind::leaf && !s().materialised[std::size_t(i)]) names[std::size_t(i)].clear();
        return names;
    }

    /// The param of gradient root r (1..k).
    static int param_of_root(int r) {
        int found = -1;
        [&]<std::size_t... Ps>(std::index_sequence<Ps...>) {
            ((int(Ps) + 1 == r ? void(found = int(index_of_t<at_t<Ps, typename Program::wrt_params>, nodes>::value)) : void()), ...);
        }(std::make_index_sequence<Program::wrt_params::size>{});
        return found;
    }

    template <class Label>
    void label_one() {
        if constexpr (contains_t<typename Label::node, nodes>::value)
            names_[index_of_t<typename Label::node, nodes>::value] = std::string(Label::name);
    }

    /// A forward value as the listing calls it: its name, else its expression.
    std::string value_text(int i) const {
        const std::string& name = forward_names_[std::size_t(i)];
        return name.empty() ? expression_of(i, forward_printed_) : name;
    }

    /// Node i's expression, its named parts by name.
    std::string expression_of(int i, const std::vector<std::string>& names) const {
        std::string out;
        const std::vector<std::string> no_slots;
        const listing_names<nodes> ctx{names, no_slots};
        [&]<std::size_t... Is>(std::index_sequence<Is...>) {
            ((int(Is) == i ? printer<at_t<Is, nodes>>::print(out, ctx) : void()), ...);
        }(std::make_index_sequence<std::size_t(size)>{});
        return out;
    }

    std::string header() const {
        // A program that reads directions (jvp, hvp) says so: its call takes the direction arena.
        std::string out = Program::has_directions ? (training ? "second-order program (params, directions v)" : "jvp program (params, directions v)")
                          : training              ? "training program"
                                                  : "forward program";
        out += ": batch N = ";
        out += Program::dynamic ? std::string("dynamic") : std::to_string(Program::batch);
        out += ", " + std::to_string(Program::parameter_count) + " parameters, " + std::to_string(table::job_count) + " steps";
        if constexpr (!Program::dynamic) out += ", workspace " + std::to_string(Program::workspace_bytes) + " bytes";
        out += '\n';
        return out;
    }

    /// How step q's node runs.
    std::string how(int i) const {
        const node_row& row = plan::rows[std::size_t(i)];
        if (row.is_matmul)
            return plan::lazy_product(i, Program::dynamic ? 1 : Program::batch, Program::dynamic) ? "product, coefficient-wise"
                                                                                                 : "product, GEMM";
        if (row.kind == node_kind::kernel) return row.softmax >= 0 || row.n_children == 1 ? "reduction" : "kernel";
        return "fused loop";
    }

    /// Where job q writes.
    std::string where(int q) const {
        const slot_home h = table::out_homes[std::size_t(q)];
        if (h.kind == home_kind::grad) return "into the gradient arena";
        if constexpr (Program::dynamic) return "buffer in the workspace";  // offsets depend on the batch
        else return "buffer at workspace[" + std::to_string(h.offset) + "]";
    }

    /// The gates applied in computing node i in one step: its own and those of the gradients
    /// fused into it (values not in memory), each once.
    std::string gates(int i) const {
        std::string out;
        std::vector<int> stack{i};
        std::vector<bool> seen(static_cast<std::size_t>(size));
        while (!stack.empty()) {
            const int j = stack.back();
            stack.pop_back();
            if (seen[std::size_t(j)]) continue;
            seen[std::size_t(j)] = true;
            const gradient_role& r = roles_[std::size_t(j)];
            if (r.of >= 0) {
                out += "\n      //   " + names_[std::size_t(j)] + ": ";
                if (r.parents > 1) out += std::to_string(r.parents) + " uses: a branch, their gradients add";
                else out += r.gate;
                for (const bool by_add : {true, false}) {
                    std::string list;
                    for (const auto& [k, add] : r.also)
                        if (add == by_add) list += (list.empty() ? "" : " and ") + value_text(k);
                    if (!list.empty()) out += (by_add ? "; add distributes it unchanged to " : "; also the gradient of ") + list;
                }
            }
            const node_row& row = plan::rows[std::size_t(j)];
            for (int c = 0; c < row.n_children; ++c) {
                const int k = row.children[c];
                if (!s().materialised[std::size_t(k)] && !forward_[std::size_t(k)]) stack.push_back(k);
            }
        }
        return out;
    }

    template <std::size_t... Qs>
    void print_jobs(std::string& out, const char*& section, std::index_sequence<Qs...>) const {
        (print_job<int(Qs)>(out, section), ...);
    }

    template <int Q>
    const char* section_of() const {
        const bool step = Q < table::step_count;
        return !step ? "gradients copied after the steps" : forward_[std::size_t(table::table.jobs[std::size_t(Q)].root)] ? "forward" : "backward";
    }

    /// `lhs = expression;`
    template <int Q>
    std::string job_line() const {
        using local = typename table::template job<Q>::local;
        const auto& job = table::table.jobs[std::size_t(Q)];
        const bool step = Q < table::step_count;
        std::vector<std::string> slots(std::size_t(job.count));
        for (int k = 0; k < job.count; ++k) slots[std::size_t(k)] = names_[std::size_t(table::table.node[std::size_t(job.first + k)])];
        const listing_names<nodes> ctx{printed_, slots};
        std::string line = step ? names_[std::size_t(job.root)] : "d" + names_[std::size_t(param_of_root(job.wrt_root))];
        line += " = ";
        if constexpr (is_slot_v<local>) line += slots[0];  // a copy of a value in memory
        else printer<local>::print(line, ctx);        // not print_to: the step's own node is not its name
        return line + ";";
    }

    template <int Q>
    void print_job(std::string& out, const char*& section) const {
        using local = typename table::template job<Q>::local;
        const int i = table::table.jobs[std::size_t(Q)].root;
        const bool step = Q < table::step_count;
        const char* now = section_of<Q>();
        if (std::string_view(now) != section) {
            section = now;
            out += std::string(section) + ":\n";
        }
        out += "  " + job_line<Q>() + "\n      // " + shape_text(local::rows, local::cols);
        if (step) {
            out += ", " + how(i) + ", " + where(Q);
            if (!forward_[std::size_t(i)]) out += gates(i);
        } else {
            out += ", into the gradient arena";
        }
        out += '\n';
    }

    std::vector<std::string> names_;
    std::vector<std::string> forward_names_;    ///< names_ before the gradients were named
    std::vector<std::string> forward_printed_;  ///< of those, the values in memory
    std::vector<std::string> printed_;          ///< names_ of the values in memory
    std::vector<bool> forward_;
    std::vector<gradient_role> roles_;
};

}  // namespace detail

/// The program's steps as straight-line code with the user's names (see the file comment).
/// Labels name intermediate values: `print(train, label<"h">(h), label<"scores">(scores))`.
template <class Roots, class Wrt, class Scalar, int Batch, bool Check, class... Labels>
std::string print(const program<Roots, Wrt, Scalar, Batch, Check>&, Labels...) {
    return detail::listing<program<Roots, Wrt, Scalar, Batch, Check>, Labels...>{}.text();
}

}  // namespace exprnet
