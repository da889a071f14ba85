// The texts of log_softmax (a column kernel node, expr/softmax.hpp), exact: to_string and
// LaTeX of it and of its gradients (its rule G - exp(h) ⊙ colsum(G) from its output h,
// diff/rules/loss.hpp; under sum(· ⊙ z), G = z), the step and gate text print(program) shows,
// the name print gives its output (a value, not probabilities p), its label and look in to_dot
// and the colour of its gate in backward_dot (other: the local derivative).
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/dot.hpp>
#include <exprnet/inspect/latex.hpp>
#include <exprnet/inspect/print.hpp>

#include "support/dot_checks.hpp"
#include "support/listing.hpp"

#include <algorithm>
#include <string>
#include <vector>

using namespace exprnet;

namespace {
constexpr auto x = input<"x", 3>;
constexpr auto y = input<"y", 4>;
constexpr auto z = input<"z", 4>;
constexpr auto W = param<"W", 4, 3>;
constexpr auto b = param<"b", 4>;
constexpr auto scores = W * x + b;
constexpr auto readout = sum(hadamard(log_softmax(scores), z));
// The negative log-likelihood of one-hot labels: cross-entropy through log_softmax.
constexpr auto nll = -sum(hadamard(y, log_softmax(scores))) / count_leaf<1, batch_dim>{};

bool has(const std::vector<std::string>& lines, const std::string& line) {
    return std::find(lines.begin(), lines.end(), line) != lines.end();
}
}  // namespace

BOOST_AUTO_TEST_CASE(to_string_and_latex) {
    BOOST_TEST(to_string(log_softmax(scores)) == "log_softmax(W * x + b)");
    BOOST_TEST(to_latex(log_softmax(scores)) == "\\log\\operatorname{softmax}\\left(W x + b\\right)");
    BOOST_TEST(to_string(nll) == "-sum(y ⊙ log_softmax(W * x + b)) / N");
    // G = z: d(W * x + b) = z - exp(h) ⊙ colsum(z), dW = that * xᵀ, db = its sum over the batch.
    const std::string ds = "z - exp(log_softmax(W * x + b)) ⊙ colsum(z)";
    BOOST_TEST(to_string(grad(readout, W)) == "(" + ds + ") * xᵀ");
    BOOST_TEST(to_string(grad(readout, b)) == "rowsum(" + ds + ")");
    BOOST_TEST(to_latex(grad(readout, W)) ==
               "\\left(z - \\exp\\left(\\log\\operatorname{softmax}\\left(W x + b\\right)\\right) \\odot \\sum_{i}\\left(z\\right)\\right) "
               "x^\\top");
}

BOOST_AUTO_TEST_CASE(print_names_the_gate) {
    auto train = compile<batch<2>>(nll, wrt(W, b));
    const std::string listing = print(train);
    BOOST_TEST_MESSAGE(listing);
    std::vector<std::string> code, lhs;
    for (const listing_test::statement& s : listing_test::statements(listing)) {
        code.push_back(s.lhs + " = " + s.rhs);
        lhs.push_back(s.lhs);
    }
    // Its operand is stored (a kernel reads it), its output is a value: t2, not p.
    BOOST_TEST(has(code, "t1 = W * x + b"));
    BOOST_TEST(has(code, "t2 = log_softmax(t1)"));
    BOOST_TEST(!has(lhs, "p"));
    // Backward: dt2 = -(1 / N) ⊙ y (through - and /), then the rule, with colsum(G) a step.
    BOOST_TEST(has(code, "dt1 = dt2 - exp(t2) ⊙ g1"));
    BOOST_TEST(has(code, "g1 = colsum(dt2)"));
    const auto notes = listing_test::gate_notes(listing);
    BOOST_TEST(has(notes, "dt1: log-softmax: G - softmax ⊙ colsum(G), softmax = exp(its output); add distributes it unchanged to b and "
                          "W * x"));
}

BOOST_AUTO_TEST_CASE(drawings) {
    const std::string forward = to_dot(nll);
    const auto f = dot_checks::parse(forward);
    const auto k = f.labelled("log_softmax");
    BOOST_TEST_REQUIRE(k.size() == 1u);
    BOOST_TEST(f.label(k[0]) == "log_softmax 4×N");
    BOOST_TEST(f.has(k[0], "shape=box, style=\"filled\", fillcolor=\"#d1c4e9\""));  // a kernel, like softmax
    dot_checks::check_with_graphviz(forward, "log_softmax_forward");

    // Under the readout, its gradient is z itself (a forward value); the rule's node is a -.
    const std::string backward = backward_dot(readout, wrt(W, b));
    const auto g = dot_checks::parse(backward);
    const auto r = g.labelled("d(W * x + b)");
    BOOST_TEST_REQUIRE(r.size() == 1u);
    BOOST_TEST(g.label(r[0]) == "d(W * x + b)\n= d(b broadcast)\n= d(W * x)\n- 4×N\nlocal derivative\nadd distributes");
    BOOST_TEST(g.has(r[0], "fillcolor=\"#eeeeee\""));
    dot_checks::check_with_graphviz(backward, "log_softmax_backward");
}
