// to_dot(program): every node a program computes, drawn as the program stores it. Checked
// against Program::structure (buffer: thick border, fused: dashed) node by node, and against
// facts that follow from the planning rules of eval/plan.hpp: kernels (sums, softmax, the loss)
// always have a buffer, views never, a value read twice has one, a mask read once is fused.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/dot.hpp>

#include "support/dot_checks.hpp"
#include "support/two_layer_784.hpp"

#include <string>

using namespace exprnet;
using namespace exprnet::literals;

namespace {

using namespace two_layer_784;  // x, y, W1, b1, W2, b2, scores, loss

/// Every node is drawn; buffers thick, fused nodes dashed, views dotted, leaves neither.
template <class Program>
void check_storage(const dot_checks::graph& g) {
    using nodes = typename Program::nodes;
    BOOST_TEST(g.nodes.size() == nodes::size);
    std::size_t edges = 0;
    for (std::size_t k = 0; k < nodes::size; ++k) {
        const auto& row = Program::plan::rows[k];
        edges += std::size_t(row.n_children);
        const bool thick = g.has(int(k), "penwidth=2");
        const bool dashed = g.has(int(k), "dashed");
        const bool dotted = g.has(int(k), "dotted");
        if (row.kind == node_kind::leaf) {
            BOOST_TEST((!thick && !dashed && !dotted), "leaf n" << k);
        } else if (row.kind == node_kind::view) {
            BOOST_TEST((dotted && !thick && !dashed), "view n" << k);
        } else {
            BOOST_TEST(thick == Program::structure.materialised[k], "n" << k);
            BOOST_TEST(dashed == !Program::structure.materialised[k], "n" << k);
        }
    }
    BOOST_TEST(g.edges.size() == edges);
}

}  // namespace

BOOST_AUTO_TEST_CASE(training_program) {
    const auto train = compile<batch<64>>(loss, wrt(W1, b1, W2, b2));
    const std::string text = to_dot(train);
    const auto g = dot_checks::parse(text);
    check_storage<decltype(train)>(g);
    // Kernels have buffers: the loss, softmax, the batch sums db1 and db2.
    for (const char* kernel : {"softmax_cross_entropy 1×1", "softmax 10×N", "db1\n", "db2\n"})
        for (int k : g.labelled(kernel)) BOOST_TEST(g.has(k, "penwidth=2"), kernel);
    // h = relu(W1 x + b1) is read by the product W2 h, by hᵀ and by the mask: a buffer; the
    // mask [h > 0], read once by dz = dh ⊙ [h > 0], is fused into it.
    BOOST_TEST(g.labelled("relu 100×N").size() == 1u);
    BOOST_TEST(g.has(g.labelled("relu 100×N")[0], "penwidth=2"));
    BOOST_TEST(g.labelled("[· > 0] 100×N").size() == 1u);
    BOOST_TEST(g.has(g.labelled("[· > 0] 100×N")[0], "dashed"));
    // Forward nodes are grey and drawn as operations; gradient roots double-bordered, and so
    // is the loss (the first root).
    BOOST_TEST(g.has(g.labelled("relu 100×N")[0], "fillcolor=\"#f5f5f5\""));
    int roots = 0;
    for (const auto& [k, a] : g.nodes) roots += g.has(k, "peripheries=2");
    BOOST_TEST(roots == 5);
    BOOST_TEST(g.legend.find("thick border: a buffer") != std::string::npos);
    BOOST_TEST(g.legend.find("dashed: fused") != std::string::npos);
    dot_checks::check_with_graphviz(text, "two_layer_program");
}

BOOST_AUTO_TEST_CASE(forward_program) {
    const auto infer = compile<batch<8>>(scores);
    const std::string text = to_dot(infer);
    const auto g = dot_checks::parse(text);
    check_storage<decltype(infer)>(g);
    // The output has a buffer; there are no gradients, so no gate colours and nothing grey.
    BOOST_TEST(g.labelled("+ 10×N").size() == 1u);
    BOOST_TEST(g.has(g.labelled("+ 10×N")[0], "penwidth=2"));
    BOOST_TEST(text.find("#f5f5f5\"") == std::string::npos);
    BOOST_TEST(g.legend.find("grey") == std::string::npos);
    dot_checks::check_with_graphviz(text, "two_layer_forward_program");
}

BOOST_AUTO_TEST_CASE(maxout_program) {
    // Maxout with an L2 term: x feeds both products; W1 and W2 branch (a product and a square).
    constexpr auto U1 = param<"W1", 5, 784>;
    constexpr auto U2 = param<"W2", 5, 784>;
    constexpr auto U3 = param<"W3", 10, 5>;
    constexpr auto maxout = softmax_cross_entropy(U3 * max(U1 * x, U2 * x), y) + 1e-4_c * (sum_sq(U1) + sum_sq(U2));
    const auto train = compile<batch<16>>(maxout, wrt(U1, U2, U3));
    const std::string text = to_dot(train);
    const auto g = dot_checks::parse(text);
    check_storage<decltype(train)>(g);
    BOOST_TEST(g.labelled("branch: gradients add").size() == 2u);  // dW1 and dW2
    BOOST_TEST(g.labelled("[a ≥ b] 5×N").size() == 1u);
    BOOST_TEST(g.labelled("[a < b] 5×N").size() == 1u);
    dot_checks::check_with_graphviz(text, "maxout_program");
}
