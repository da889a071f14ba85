/// @file
/// Internal: the DOT text of a drawing. `graph_nodes<Nodes>()` describes each node of a list
/// (kind, op, shape, children); the caller adds what it knows (forward or gradient, gate,
/// storage), and `write_dot` prints nodes `n<k>` (k: the node's index in the list, so ids are
/// stable) and edges child -> parent, with escaped labels and a legend of what is drawn.
/// Shapes: each label's last line is the shape, N for the batch. Backward: gradient nodes are
/// filled with their gate's colour, forward values muted. Evaluation: host-only (std::string).
#pragma once

#include <exprnet/diff/grad.hpp>
#include <exprnet/inspect/gate.hpp>
#include <exprnet/inspect/detail/graph_node.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace exprnet::detail {

/// How a program stores a node (drawings of programs only).
enum class storage { unknown, leaf, buffer, fused, view };

struct dot_node {
    graph_kind kind = graph_kind::elementwise;
    std::string op;
    int rows = 0;
    int cols = 0;
    std::array<int, 2> children{-1, -1};
    bool shown = true;
    bool forward = true;     ///< a forward value (muted among gradients)
    bool as_value = false;   ///< drawn as the value it holds (its expression), not as an operation
    std::string expression;  ///< to_string of the node, for as_value
    bool root = false;
    gate_pattern made_by = gate_pattern::none;
    bool returned = false;   ///< what a gate's rule returned: tagged with the gate
    bool distributes = false;
    std::vector<std::string> gradient_of;  ///< "dW1", "d(W1 * x)": the values it is the gradient of
    storage store = storage::unknown;
};

template <class Node>
dot_node graph_node() {
    dot_node n;
    n.kind = graph_kind_of<Node>();
    n.op = op_label<Node>::text();
    n.rows = Node::rows;
    n.cols = Node::cols;
    return n;
}

template <class... Ns>
std::vector<dot_node> graph_nodes(type_list<Ns...>) {
    using table = edge_table<type_list<Ns...>>;
    std::vector<dot_node> nodes{graph_node<Ns>()...};
    for (std::size_t k = 0; k < nodes.size(); ++k) nodes[k].children = table::children[k];
    return nodes;
}

/// The expression of each node of a list, as to_string prints it.
template <class... Ns>
std::vector<std::string> expressions_of(type_list<Ns...>) {
    return {to_string(Ns{})...};
}

/// `text` cut to at most `max` characters (code points), with an ellipsis if cut.
inline std::string shortened(std::string_view text, std::size_t max = 32) {
    std::size_t chars = 0, i = 0;
    for (; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // inside a code point
        if (chars == max) return std::string(text.substr(0, i)) + "…";
        ++chars;
    }
    return std::string(text);
}

/// A DOT double-quoted string's content: quotes and backslashes escaped, line breaks as \n.
inline std::string dot_escaped(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

/// Text for an HTML-like DOT label.
inline std::string html_escaped(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else out += c;
    }
    return out;
}

/// The name of the gradient of a forward value: dW1 for a symbol, d(expression) otherwise (a
/// broadcast prints as its operand, so its gradient is d(b1 broadcast), not db1).
inline std::string gradient_name(const dot_node& value, const std::string& expression) {
    if (value.kind == graph_kind::param || value.kind == graph_kind::input) return "d" + expression;
    if (value.kind == graph_kind::view && value.op == "broadcast") return "d(" + shortened(expression, 24) + " broadcast)";
    return "d(" + shortened(expression, 28) + ")";
}

struct node_look {
    std::string_view shape;
    std::string_view fill;  ///< empty: not filled
};

inline node_look look_of(graph_kind k) {
    switch (k) {
    case graph_kind::param: return {"box3d", "#ffe082"};
    case graph_kind::input: return {"parallelogram", "#c5e1a5"};
    case graph_kind::constant: return {"plaintext", ""};
    case graph_kind::elementwise: return {"box", "#ffffff"};  // rounded
    case graph_kind::product: return {"box", "#bbdefb"};
    case graph_kind::view: return {"box", "#ffffff"};  // rounded, dotted
    case graph_kind::kernel: return {"box", "#d1c4e9"};
    case graph_kind::loss: return {"doubleoctagon", "#f8bbd0"};
    }
    return {"box", ""};
}

inline constexpr std::string_view muted_line = "#9e9e9e";
inline constexpr std::string_view muted_text = "#757575";
inline constexpr std::string_view muted_fill = "#f5f5f5";

inline std::string node_label(const dot_node& n) {
    std::string label;
    const auto line = [&](const std::string& s) {
        if (!label.empty()) label += '\n';
        label += s;
    };
    for (std::size_t i = 0; i < n.gradient_of.size() && i < 3; ++i) line((i ? "= " : "") + n.gradient_of[i]);
    if (n.gradient_of.size() > 3) line("= …");
    if (n.as_value) line(shortened(n.expression));
    else line(n.op);
    if (n.kind != graph_kind::constant) {
        if (n.kind == graph_kind::param || n.kind == graph_kind::input || n.as_value) line(shape_text(n.rows, n.cols));
        else label += ' ' + shape_text(n.rows, n.cols);
    }
    if (n.returned || n.made_by == gate_pattern::branch) line(std::string(look_of(n.made_by).tag));
    if (n.distributes) line(std::string(look_of(gate_pattern::distribute).tag));
    return label;
}

inline std::string node_attributes(const dot_node& n, bool gradients) {
    const node_look look = look_of(n.kind);
    const bool muted = gradients && n.forward;
    std::string fill(look.fill);
    if (muted && !fill.empty()) fill = muted_fill;
    else if (!n.forward && n.made_by != gate_pattern::none) fill = look_of(n.made_by).colour;
    std::string style;
    const auto add = [&](std::string_view s) {
        if (!style.empty()) style += ',';
        style += s;
    };
    if (n.kind == graph_kind::elementwise || n.kind == graph_kind::view) add("rounded");
    if (!fill.empty() && n.kind != graph_kind::constant) add("filled");
    if (n.store == storage::fused) add("dashed");
    if (n.store == storage::view || (n.store == storage::unknown && n.kind == graph_kind::view)) add("dotted");
    std::string a = "label=\"" + dot_escaped(node_label(n)) + "\", shape=" + std::string(look.shape);
    if (!style.empty()) a += ", style=\"" + style + "\"";
    if (style.find("filled") != std::string::npos) a += ", fillcolor=\"" + fill + "\"";
    if (muted) a += ", color=\"" + std::string(muted_line) + "\", fontcolor=\"" + std::string(muted_text) + "\"";
    // Thick: a buffer in a program's drawing; else a branch's sum, to stand out.
    if (n.store == storage::buffer || (n.store == storage::unknown && n.made_by == gate_pattern::branch)) a += ", penwidth=2";
    if (n.root) a += ", peripheries=2";
    return a;
}

/// The legend: what the colours and borders of this drawing mean (only what it uses).
inline std::string legend(const std::vector<dot_node>& nodes, bool gradients) {
    std::array<bool, gate_pattern_count> used{};
    std::array<bool, std::size_t(storage::view) + 1> stores{};
    for (const dot_node& n : nodes) {
        if (!n.shown) continue;
        if (!n.forward) used[std::size_t(n.made_by)] = true;
        if (n.distributes) used[std::size_t(gate_pattern::distribute)] = true;
        stores[std::size_t(n.store)] = true;
    }
    std::string rows;
    const auto row = [&](std::string_view colour, std::string_view text) {
        rows += "<tr><td bgcolor=\"" + std::string(colour) + "\" width=\"18\"></td><td align=\"left\">" +
                html_escaped(text) + "</td></tr>";
    };
    if (gradients) {
        for (int g = 1; g < gate_pattern_count; ++g)
            if (used[std::size_t(g)]) row(look_of(gate_pattern(g)).colour, look_of(gate_pattern(g)).legend);
        row(muted_fill, "grey: forward values the gradients read");
    }
    if (stores[std::size_t(storage::buffer)]) row("#ffffff", "thick border: a buffer (a step writes it)");
    if (stores[std::size_t(storage::fused)]) row("#ffffff", "dashed: fused into the step that reads it");
    if (stores[std::size_t(storage::view)]) row("#ffffff", "dotted: a view (no storage)");
    if (rows.empty()) return {};
    return "  legend [shape=plaintext, label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"3\">" +
           rows + "</table>>];\n";
}

/// The drawing: shown nodes, the edges into shown non-value nodes, a legend if `gradients`
/// or storage is drawn.
inline std::string write_dot(std::string_view name, const std::vector<dot_node>& nodes, bool gradients) {
    std::string out = "digraph \"" + dot_escaped(name) + "\" {\n";
    out += "  graph [rankdir=BT, ordering=in, fontname=\"DejaVu Sans\", nodesep=0.25, ranksep=0.35];\n";
    out += "  node [fontname=\"DejaVu Sans\", fontsize=11, height=0.3];\n";
    out += "  edge [arrowsize=0.7];\n";
    for (std::size_t k = 0; k < nodes.size(); ++k)
        if (nodes[k].shown) out += "  n" + std::to_string(k) + " [" + node_attributes(nodes[k], gradients) + "];\n";
    for (std::size_t k = 0; k < nodes.size(); ++k) {
        const dot_node& n = nodes[k];
        if (!n.shown || n.as_value) continue;
        for (int c : n.children) {
            if (c < 0) continue;
            out += "  n" + std::to_string(c) + " -> n" + std::to_string(k);
            if (gradients && nodes[std::size_t(c)].forward) out += " [color=\"" + std::string(muted_line) + "\"]";
            out += ";\n";
        }
    }
    out += legend(nodes, gradients);
    out += "}\n";
    return out;
}

}  // namespace exprnet::detail
