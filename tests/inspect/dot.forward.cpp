// to_dot(expr): the forward graph. Counts derived by hand from the expressions (one node per
// distinct subexpression, one edge per operand) and compared with nodes_of_t; labels and the
// style of each kind of node; Graphviz accepts the text (when installed).
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/dot.hpp>

#include "support/dot_checks.hpp"
#include "support/two_layer_784.hpp"

#include <algorithm>
#include <string>

using namespace exprnet;
using namespace exprnet::literals;

namespace {

using namespace two_layer_784;  // x, y, W1, b1, W2, b2, scores, loss

int count_with(const dot_checks::graph& g, const std::string& attribute) {
    int n = 0;
    for (const auto& [k, a] : g.nodes) n += g.has(k, attribute);
    return n;
}

}  // namespace

BOOST_AUTO_TEST_CASE(two_layer_net) {
    const std::string text = to_dot(loss);
    const auto g = dot_checks::parse(text);
    // Nodes: W1, x, W1*x, b1, its broadcast, +, relu, W2, W2*h, b2, its broadcast, +, y, loss: 14.
    // Edges: products 2+2, broadcasts 1+1, sums 2+2, relu 1, loss 2: 13.
    BOOST_TEST(g.nodes.size() == 14u);
    BOOST_TEST(g.edges.size() == 13u);
    BOOST_TEST(g.nodes.size() == nodes_of_t<decltype(loss)>::size);
    // Ids are the positions in nodes_of_t: every id in 0..13, each edge child before parent.
    BOOST_TEST(g.nodes.rbegin()->first == 13);
    for (const auto& [child, parent] : g.edges) BOOST_TEST(child < parent);

    // Leaves by name with their shapes, operations with theirs (N: the batch).
    BOOST_TEST(g.labelled("W1\n100×784").size() == 1u);
    BOOST_TEST(g.labelled("x\n784×N").size() == 1u);
    BOOST_TEST(g.labelled("relu 100×N").size() == 1u);
    BOOST_TEST(g.labelled("* 100×N").size() == 1u);
    BOOST_TEST(g.labelled("+ 10×N").size() == 1u);
    BOOST_TEST(g.labelled("softmax_cross_entropy 1×1").size() == 1u);

    // Kinds: 4 params, 2 inputs, 2 products, 2 views (the broadcasts), 3 elementwise ops, 1 loss.
    BOOST_TEST(count_with(g, "shape=box3d") == 4);
    BOOST_TEST(count_with(g, "shape=parallelogram") == 2);
    BOOST_TEST(count_with(g, "fillcolor=\"#bbdefb\"") == 2);
    BOOST_TEST(count_with(g, "dotted") == 2);
    BOOST_TEST(count_with(g, "style=\"rounded,filled\"") == 3);
    BOOST_TEST(count_with(g, "shape=doubleoctagon") == 1);
    // The output (only) has a double border.
    BOOST_TEST(count_with(g, "peripheries=2") == 1);
    BOOST_TEST(g.has(g.labelled("softmax_cross_entropy")[0], "peripheries=2"));
    // The relu feeds the second product: an edge from the relu node to the 10×N product.
    BOOST_TEST(g.labelled("* 10×N").size() == 1u);
    const int relu = g.labelled("relu")[0], product = g.labelled("* 10×N")[0];
    BOOST_TEST((std::find(g.edges.begin(), g.edges.end(), std::pair{relu, product}) != g.edges.end()));
    dot_checks::check_with_graphviz(text, "two_layer_forward");
}

BOOST_AUTO_TEST_CASE(branches_constants_and_escapes) {
    // Maxout: x is one node read by two products (a branch); max is an elementwise op.
    constexpr auto U1 = param<"W1", 5, 784>;
    constexpr auto U2 = param<"W2", 5, 784>;
    constexpr auto maxout = max(U1 * x, U2 * x);
    const std::string text = to_dot(maxout);
    const auto g = dot_checks::parse(text);
    // W1, x, W1*x, W2, W2*x, max: 6 nodes; 2 + 2 + 2 edges.
    BOOST_TEST(g.nodes.size() == 6u);
    BOOST_TEST(g.edges.size() == 6u);
    BOOST_TEST(g.labelled("x\n").size() == 1u);
    BOOST_TEST(g.parents_of(g.labelled("x\n")[0]) == 2);
    BOOST_TEST(g.labelled("max 5×N").size() == 1u);
    dot_checks::check_with_graphviz(text, "maxout_forward");

    // A regulariser: constants are plain text; the mean's count prints as N.
    constexpr auto l2 = mean(W1 * x) + 1e-4_c * sum_sq(W1);
    const auto h = dot_checks::parse(to_dot(l2));
    BOOST_TEST(count_with(h, "shape=plaintext") == 2);  // 1e-04 and the count N
    BOOST_TEST(h.labelled("1e-04").size() == 1u);
    BOOST_TEST(h.labelled("square 100×784").size() == 1u);
    BOOST_TEST(h.labelled("sum 1×1").size() == 2u);  // of W1 * x and of square(W1)
    BOOST_TEST(h.nodes.size() == nodes_of_t<decltype(l2)>::size);

    // Names are escaped: a quote and a backslash in a name stay inside the label.
    constexpr auto odd = param<"a\"b\\c", 2, 2>;
    const std::string odd_text = to_dot(odd * odd);
    BOOST_TEST(odd_text.find("label=\"a\\\"b\\\\c\\n2×2\"") != std::string::npos);
    const auto o = dot_checks::parse(odd_text);
    BOOST_TEST(o.nodes.size() == 2u);  // the param, read twice by one product
    BOOST_TEST(o.edges.size() == 2u);
    BOOST_TEST(o.label(0) == "a\"b\\c\n2×2");
    dot_checks::check_with_graphviz(odd_text, "escaped_names");
}

BOOST_AUTO_TEST_CASE(graphviz_check_can_fail) {
    // The harness itself: Graphviz rejects a broken edge and warns about an unknown attribute.
    if (!dot_checks::graphviz_or_skip()) return;
    BOOST_TEST(dot_checks::run_graphviz("digraph { n0 -> ; }\n", "broken").status != 0);
    BOOST_TEST(!dot_checks::run_graphviz("digraph { n0 [shape=nosuchshape]; }\n", "warning").errors.empty());
    BOOST_TEST(dot_checks::run_graphviz(to_dot(x), "leaf").errors.empty());
}
