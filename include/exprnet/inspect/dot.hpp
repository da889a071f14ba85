/// @file
/// Defines the Graphviz drawings: `to_dot(expr)`, the forward graph of an expression;
/// `backward_dot(loss, wrt(W1, ...))`, the graph of the gradients, each node coloured by the
/// gate pattern that built it (CS231n's add distributes, multiply swaps, relu and max route by
/// mask, products give G·Bᵀ and Aᵀ·G, branches add), the forward values they read in grey;
/// and `to_dot(program)`, every node a compiled program computes, buffers drawn thick and
/// fused nodes dashed. Render with `dot -Tpng graph.dot -o graph.png` (Debian: graphviz).
/// Shapes: each node shows its shape, N for the batch. Backward: see backward_roles.hpp.
/// Evaluation: reads Program::structure, the schedule the program runs; host-only (std::string).
#pragma once

#include <exprnet/diff/grad.hpp>
#include <exprnet/diff/wrt.hpp>
#include <exprnet/eval/compile.hpp>
#include <exprnet/eval/program.hpp>
#include <exprnet/graph/topo.hpp>
#include <exprnet/inspect/detail/backward_roles.hpp>
#include <exprnet/inspect/detail/dot_writer.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace exprnet {

namespace detail {

/// Marks gradient nodes, their gates and the values they are the gradients of (see
/// backward_roles), in `nodes`, the description of the node list Nodes.
template <class Loss, class Wrt, class Nodes>
void mark_gradients(std::vector<dot_node>& nodes) {
    using roles = backward_roles<Loss, Wrt, Nodes>;
    using forward = typename roles::forward;
    constexpr auto& t = roles::value_tables;
    const std::vector<dot_node> values = graph_nodes(forward{});
    const std::vector<std::string> expressions = expressions_of(forward{});
    [&]<class... Ns>(type_list<Ns...>) {
        std::size_t k = 0;
        ((nodes[k++].forward = contains_t<Ns, forward>::value), ...);
    }(Nodes{});
    for (std::size_t k = 0; k < nodes.size(); ++k) {
        nodes[k].made_by = t.made_by[k];
        nodes[k].returned = t.returned[k];
    }
    for (std::size_t f = forward::size; f-- > 0;) {  // the value nearest the loss first
        const int g = t.gradient[f];
        if (g < 0) continue;
        dot_node& n = nodes[std::size_t(g)];
        n.gradient_of.push_back(gradient_name(values[f], expressions[f]));
        if (t.distributed[f]) n.distributes = true;
    }
}

/// Roots, by their index in Nodes.
template <class Nodes, class... Roots>
void mark_roots(std::vector<dot_node>& nodes, type_list<Roots...>) {
    ((nodes[index_of_t<Roots, Nodes>::value].root = true), ...);
}

}  // namespace detail

/// The forward graph of an expression in Graphviz DOT: one node per distinct subexpression (a
/// value used twice is one node with two parents), edges from operands to operations. Params
/// are gold 3-d boxes, inputs green parallelograms, constants plain text, elementwise
/// operations rounded boxes, views dotted ones, products blue boxes, other kernels (sums,
/// softmax) purple boxes, losses pink octagons; the output has a double border.
template <expression E>
std::string to_dot(E) {
    using nodes = nodes_of_t<E>;
    std::vector<detail::dot_node> described = detail::graph_nodes(nodes{});
    described[detail::index_of_v<std::remove_cvref_t<E>, nodes>].root = true;
    return detail::write_dot("forward", described, false);
}

/// The graph of the gradients of `loss` with respect to the params: the nodes the chain rule
/// builds, each filled with the colour of the gate pattern that built it (a legend lists
/// them) and labelled with its operation, its shape and the values it is the gradient of
/// (dW1, d(W1 * x + b1): one node that is the gradient of two values is add distributing);
/// the value a rule returns is tagged with its gate; sums where a value branches say so.
/// Forward values the gradients read are grey, labelled with their expression.
template <expression Loss, class... Params>
std::string backward_dot(Loss, wrt_list<Params...>) {
    static_cast<void>(detail::check_wrt_request<Loss, Params...>());
    if constexpr (!detail::gradient_request_ok_v<Loss, Params...>) {
        return {};  // reported above
    } else {
        using nodes = nodes_of_t<grad_t<Loss, Params>...>;
        std::vector<detail::dot_node> described = detail::graph_nodes(nodes{});
        detail::mark_gradients<Loss, detail::type_list<Params...>, nodes>(described);
        detail::mark_roots<nodes>(described, detail::type_list<grad_t<Loss, Params>...>{});
        const std::vector<std::string> expressions = detail::expressions_of(nodes{});
        // Forward values appear only where a gradient reads them (or is one), as values.
        for (detail::dot_node& n : described) n.shown = !n.forward || n.root;
        for (const detail::dot_node& n : described)
            if (!n.forward)
                for (int c : n.children)
                    if (c >= 0) described[std::size_t(c)].shown = true;
        for (std::size_t k = 0; k < described.size(); ++k) {
            detail::dot_node& n = described[k];
            n.as_value = n.forward;
            n.expression = expressions[k];
        }
        return detail::write_dot("backward", described, true);
    }
}

/// Every node a compiled program computes: the forward graph, and for a training program the
/// gradients as in backward_dot (forward nodes in grey). A node with a thick border is a
/// buffer, written by a step; a dashed one is fused into the step that reads it; a dotted one
/// is a view; leaves are the arenas and inputs.
template <class Roots, class Wrt, class Scalar, int Batch, bool Check>
std::string to_dot(const program<Roots, Wrt, Scalar, Batch, Check>&) {
    using prog = program<Roots, Wrt, Scalar, Batch, Check>;
    using nodes = typename prog::nodes;
    constexpr bool training = Wrt::size > 0;
    std::vector<detail::dot_node> described = detail::graph_nodes(nodes{});
    if constexpr (training) detail::mark_gradients<typename prog::output, Wrt, nodes>(described);
    detail::mark_roots<nodes>(described, Roots{});
    constexpr auto& s = prog::structure;
    for (std::size_t k = 0; k < described.size(); ++k) {
        detail::dot_node& n = described[k];
        const node_kind kind = prog::plan::rows[k].kind;
        n.store = kind == node_kind::leaf   ? detail::storage::leaf
                  : kind == node_kind::view ? detail::storage::view
                  : s.materialised[k]       ? detail::storage::buffer
                                            : detail::storage::fused;
    }
    return detail::write_dot(training ? "training program" : "forward program", described, training);
}

/// What compile returned after a diagnostic draws as nothing (one mistake, one message).
inline std::string to_dot(const invalid_program&) { return {}; }

}  // namespace exprnet
