// The ops added in issue 14 in the drawings, exact: the op's label in to_dot (its `print`
// facet's name and the shape) and, in backward_dot, the colour and tag of its gate `pattern` on
// the node its rule returns:
//   softplus, silu, gelu: other (local derivative); abs, hard_tanh, min: route (by mask);
//   prelu: route to its input, other to its slope (then the slope's broadcast sums).
// Each op reads its own product (A * x, B * x, ...), so that every gradient comes from one gate
// (a value read twice would be a branch, drawn as one).
// to_string and LaTeX: ops.text.cpp; the gate texts of print(program): ops.gates.cpp.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/dot.hpp>

#include "support/dot_checks.hpp"

#include <string>

using namespace exprnet;

namespace {
constexpr auto x = input<"x", 2>;
constexpr auto A = param<"A", 2, 2>;
constexpr auto B = param<"B", 2, 2>;
constexpr auto C = param<"C", 2, 2>;
constexpr auto D = param<"D", 2, 2>;
constexpr auto E = param<"E", 2, 2>;
constexpr auto F = param<"F", 2, 2>;
constexpr auto H = param<"H", 2, 2>;
constexpr auto K = param<"K", 2, 2>;
constexpr auto L = param<"L", 2, 2>;
constexpr auto a = param<"a", 2>;  // prelu: a slope per unit
constexpr auto s = param<"s", 1>;  // prelu: one shared slope

constexpr auto ops = softplus(A * x) + abs(B * x) + silu(C * x) + gelu(D * x) + hard_tanh(E * x) + min(F * x, H * x) +
                     prelu(K * x, a) + prelu(L * x, s);

/// The one node whose label contains `text`.
int the(const dot_checks::graph& g, const std::string& text) {
    const auto found = g.labelled(text);
    BOOST_TEST(found.size() == 1u, "nodes labelled '" << text << "': " << found.size());
    return found.empty() ? -1 : found[0];
}
}  // namespace

BOOST_AUTO_TEST_CASE(forward_graph_labels) {
    const std::string text = to_dot(sum(ops));
    const auto g = dot_checks::parse(text);
    for (const char* op : {"softplus", "abs", "silu", "gelu", "hard_tanh", "min"}) {
        const std::string label = std::string(op) + " 2×N";
        const int k = the(g, label);
        if (k < 0) continue;
        BOOST_TEST(g.label(k) == label);
        BOOST_TEST(g.has(k, "style=\"rounded,filled\""));  // an elementwise op
    }
    BOOST_TEST(g.labelled("prelu 2×N").size() == 2u);
    BOOST_TEST(g.labelled("broadcast 2×N").size() == 2u);  // the slopes a and s
    dot_checks::check_with_graphviz(text, "new_ops_forward");
}

BOOST_AUTO_TEST_CASE(backward_graph_colours_each_gate) {
    // Under sum(), G = 1 folds away: the node each rule returns is its local derivative.
    const std::string text = backward_dot(sum(ops), wrt(A, B, C, D, E, F, H, K, L, a, s));
    const auto g = dot_checks::parse(text);
    const std::string route = "fillcolor=\"#ffe0b2\"", other = "fillcolor=\"#eeeeee\"", batch_sum = "fillcolor=\"#fff59d\"";
    struct expected {
        const char* label;
        const std::string& fill;
    };
    for (const expected& e : {
             expected{"d(A * x)\nsigmoid 2×N\nlocal derivative", other},  // softplus
             expected{"d(B * x)\nsign 2×N\nroutes by mask", route},       // abs
             expected{"d(C * x)\n⊙ 2×N\nlocal derivative", other},        // silu: σ ⊙ (1 + x ⊙ (1 - σ))
             expected{"d(D * x)\n⊙ 2×N\nlocal derivative", other},        // gelu: 0.5 ⊙ (...)
             expected{"d(E * x)\n[|·| < 1] 2×N\nroutes by mask", route},  // hard_tanh
             expected{"d(F * x)\n[a ≥ b] 2×N\nroutes by mask", route},    // min, to a (ties too)
             expected{"d(H * x)\n[a < b] 2×N\nroutes by mask", route},    // min, to b
             expected{"d(K * x)\n+ 2×N\nroutes by mask", route},          // prelu: [x > 0] + a ⊙ (1 - [x > 0])
             expected{"d(L * x)\n+ 2×N\nroutes by mask", route},
             expected{"d(a broadcast)\nmin 2×N\nlocal derivative", other},  // prelu's slope: min(x, 0)
             expected{"d(s broadcast)\nmin 2×N\nlocal derivative", other},
             expected{"da\nrowsum 2×1\nsums over batch", batch_sum},  // a per unit: over the batch
             expected{"ds\nsum 1×1\nsums over batch", batch_sum},     // a shared: over everything
         }) {
        const int k = the(g, e.label);
        if (k < 0) continue;
        BOOST_TEST(g.label(k) == e.label);
        BOOST_TEST(g.has(k, e.fill), e.label << ": " << g.nodes.at(k));
    }
    // The legend lists both patterns, in CS231n's words.
    BOOST_TEST(g.legend.find("relu / max route by mask") != std::string::npos);
    BOOST_TEST(g.legend.find("other gates: G times the local derivative") != std::string::npos);
    dot_checks::check_with_graphviz(text, "new_ops_backward");
}
