// backward_dot(loss, wrt(...)): the gradient graph. The nodes expected are derived by hand from
// CS231n's backward pass of each net, written with the rules of diff/rules/ and the folding of
// expr/make.hpp (the comments give the derivation); the gate colours and tags from
// inspect/detail/gate_pattern.hpp; Graphviz accepts the text (when installed).
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

// Fill colours of the gate patterns, as in gate_pattern.hpp.
const std::string product = "fillcolor=\"#bbdefb\"", route = "fillcolor=\"#ffe0b2\"", reuse = "fillcolor=\"#e1bee7\"",
                  batch_sum = "fillcolor=\"#fff59d\"", fused = "fillcolor=\"#f8bbd0\"", other = "fillcolor=\"#eeeeee\"",
                  branch = "fillcolor=\"#d7ccc8\"", muted = "fillcolor=\"#f5f5f5\"";

int count_with(const dot_checks::graph& g, const std::string& attribute) {
    int n = 0;
    for (const auto& [k, a] : g.nodes) n += g.has(k, attribute);
    return n;
}

/// The one node whose label contains `text`.
int the(const dot_checks::graph& g, const std::string& text) {
    const auto found = g.labelled(text);
    BOOST_TEST(found.size() == 1u, "nodes labelled '" << text << "': " << found.size());
    return found.empty() ? -1 : found[0];
}

}  // namespace

BOOST_AUTO_TEST_CASE(two_layer_net) {
    const std::string text = backward_dot(loss, wrt(W1, b1, W2, b2));
    const auto g = dot_checks::parse(text);
    // CS231n's backward pass, node by node:
    //   dS = (softmax(S) - y) / N     softmax, -, the count N and its broadcast to 10×N, /   5
    //   dW2 = dS hᵀ, db2 = rowsum(dS)  hᵀ, product, rowsum                                   3
    //   dh = W2ᵀ dS                    W2ᵀ, product                                           2
    //   dz = dh ⊙ [h > 0]              mask, ⊙                                                2
    //   dW1 = dz xᵀ, db1 = rowsum(dz)  xᵀ, product, rowsum                                   3
    // 15 gradient nodes, plus the forward values they read: S, y, h, W2, x (5).
    BOOST_TEST(g.nodes.size() == 20u);
    BOOST_TEST(count_with(g, muted) == 5);
    // Edges into gradient nodes: softmax 1, - 2, broadcast 1, / 2, hᵀ 1, dW2 2, db2 1, W2ᵀ 1,
    // dh 2, mask 1, ⊙ 2, xᵀ 1, dW1 2, db1 1 = 20; six of them from forward values (grey).
    BOOST_TEST(g.edges.size() == 20u);
    int grey = 0;
    for (std::size_t at = 0; (at = text.find("[color=\"#9e9e9e\"];", at)) != std::string::npos; ++at) ++grey;
    BOOST_TEST(grey == 6);

    // Roots: labelled dW1 ... and double-bordered; the products and the batch sums.
    for (const char* root : {"dW1\n", "db1\n", "dW2\n", "db2\n"}) BOOST_TEST(g.has(the(g, root), "peripheries=2"));
    BOOST_TEST(count_with(g, "peripheries=2") == 4);
    BOOST_TEST(g.label(the(g, "dW1\n")) == "dW1\n* 100×784\nproduct");
    BOOST_TEST(g.label(the(g, "db2\n")) == "db2\nrowsum 10×1\nsums over batch");
    BOOST_TEST(g.has(the(g, "dW2\n"), product));
    BOOST_TEST(g.has(the(g, "db1\n"), batch_sum));

    // Gates, by colour: products (hᵀ, dW2, W2ᵀ, dh, xᵀ, dW1), relu's routing (mask, ⊙), the
    // batch sums (db1, db2), the fused loss (softmax, -, the broadcast count, /; the count N
    // itself is a constant, drawn as plain text).
    BOOST_TEST(count_with(g, product) == 6);
    BOOST_TEST(count_with(g, route) == 2);
    BOOST_TEST(count_with(g, batch_sum) == 2);
    BOOST_TEST(count_with(g, fused) == 4);
    BOOST_TEST(g.has(the(g, "[· > 0] 100×N"), route));

    // dS is the gradient of the scores, and add distributes it to W2 h and to b2's broadcast;
    // likewise dz to W1 x and b1's broadcast.
    BOOST_TEST(g.label(the(g, "/ 10×N")) ==
               "d(W2 * relu(W1 * x + b1) + b2)\n= d(b2 broadcast)\n= d(W2 * relu(W1 * x + b1))\n/ 10×N\n"
               "softmax+CE fused\nadd distributes");
    BOOST_TEST(g.label(the(g, "⊙ 100×N")) ==
               "d(W1 * x + b1)\n= d(b1 broadcast)\n= d(W1 * x)\n⊙ 100×N\nroutes by mask\nadd distributes");
    BOOST_TEST(g.label(the(g, "d(relu(W1 * x + b1))")) == "d(relu(W1 * x + b1))\n* 100×N\nproduct");
    // Forward values are drawn as their expressions.
    BOOST_TEST(g.has(the(g, "relu(W1 * x + b1)\n100×N"), muted));
    BOOST_TEST(g.legend.find("add distributes") != std::string::npos);
    BOOST_TEST(g.legend.find("relu / max route by mask") != std::string::npos);
    dot_checks::check_with_graphviz(text, "two_layer_backward");
}

BOOST_AUTO_TEST_CASE(branches_add) {
    // With L2 regularisation W1 and W2 are each read twice (by a product and by square), so
    // their gradients are sums: dW1 = dz xᵀ + 2e-04 ⊙ W1 (square's rule G ⊙ 2 ⊙ W1 with G the
    // broadcast 1e-4, folded). New nodes: two "+" (branches), two ⊙ and two broadcasts of the
    // one constant 2e-04 (square's "other" gate), the constant: 7, so 22 gradient nodes; W1 is
    // now read too: 6 forward values. Edges: 20 + 2 per ⊙, 1 per broadcast, 2 per + = 30.
    const auto reg = loss + 1e-4_c * (sum_sq(W1) + sum_sq(W2));
    const std::string text = backward_dot(reg, wrt(W1, b1, W2, b2));
    const auto g = dot_checks::parse(text);
    BOOST_TEST(g.nodes.size() == 28u);
    BOOST_TEST(g.edges.size() == 30u);
    BOOST_TEST(count_with(g, muted) == 6);
    BOOST_TEST(g.label(the(g, "dW1\n")) == "dW1\n+ 100×784\nbranch: gradients add");
    BOOST_TEST(g.label(the(g, "dW2\n")) == "dW2\n+ 10×100\nbranch: gradients add");
    BOOST_TEST(count_with(g, branch) == 2);
    BOOST_TEST(count_with(g, "penwidth=2") == 2);
    BOOST_TEST(count_with(g, other) == 4);  // two ⊙, two broadcasts
    BOOST_TEST(g.has(the(g, "⊙ 100×784"), other));
    BOOST_TEST(g.label(the(g, "2e-04")) == "2e-04");
    // The data terms are products no longer roots: the "+" reads the product and the ⊙.
    const int sum = the(g, "dW1\n"), data = the(g, "* 100×784"), l2 = the(g, "⊙ 100×784");
    BOOST_TEST((g.edges.end() != std::find(g.edges.begin(), g.edges.end(), std::pair{data, sum})));
    BOOST_TEST((g.edges.end() != std::find(g.edges.begin(), g.edges.end(), std::pair{l2, sum})));
    dot_checks::check_with_graphviz(text, "two_layer_l2_backward");
}

BOOST_AUTO_TEST_CASE(maxout_routes_and_sigmoid_reuses) {
    // Maxout: max routes dh to the winner: dW1 = (dh ⊙ [a ≥ b]) xᵀ, dW2 = (dh ⊙ [a < b]) xᵀ;
    // xᵀ is one node read by both products.
    constexpr auto U1 = param<"W1", 5, 784>;
    constexpr auto U2 = param<"W2", 5, 784>;
    constexpr auto d1 = param<"b1", 5>;
    constexpr auto d2 = param<"b2", 5>;
    constexpr auto U3 = param<"W3", 10, 5>;
    constexpr auto maxout = softmax_cross_entropy(U3 * max(U1 * x + d1, U2 * x + d2), y);
    const std::string text = backward_dot(maxout, wrt(U1, U2));
    const auto g = dot_checks::parse(text);
    BOOST_TEST(g.has(the(g, "[a ≥ b] 5×N"), route));
    BOOST_TEST(g.has(the(g, "[a < b] 5×N"), route));
    BOOST_TEST(g.labelled("routes by mask").size() == 2u);
    BOOST_TEST(g.parents_of(the(g, "ᵀ N×784")) == 2);
    // The two operands of max are read by both masks: drawn once each, as values.
    BOOST_TEST(g.parents_of(the(g, "W1 * x + b1\n")) == 2);
    BOOST_TEST(g.parents_of(the(g, "W2 * x + b2\n")) == 2);
    dot_checks::check_with_graphviz(text, "maxout_backward");

    // The sigmoid neuron under sum: dz = s ⊙ (1 - s) (G = 1 folds away): sigmoid reuses its
    // output s, read twice; the 1 is the sum's gradient spread over the batch (one node).
    constexpr auto w = param<"w", 1, 3>;
    constexpr auto b = param<"b", 1>;
    constexpr auto x3 = input<"x", 3>;
    const std::string neuron = backward_dot(sum(sigmoid(w * x3 + b)), wrt(w, b));
    const auto n = dot_checks::parse(neuron);
    BOOST_TEST(n.label(the(n, "⊙ 1×N")) == "d(w * x + b)\n= d(b broadcast)\n= d(w * x)\n⊙ 1×N\nreuses output\nadd distributes");
    BOOST_TEST(n.has(the(n, "- 1×N"), reuse));
    BOOST_TEST(n.parents_of(the(n, "sigmoid(w * x + b)\n")) == 2);
    BOOST_TEST(n.label(the(n, "dw\n")) == "dw\n* 1×3\nproduct");
    BOOST_TEST(n.label(the(n, "db\n")) == "db\nsum 1×1\nsums over batch");
    dot_checks::check_with_graphviz(neuron, "neuron_backward");
}
