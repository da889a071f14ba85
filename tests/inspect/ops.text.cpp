// The texts of the ops added in issue 14 (softplus, abs, silu, gelu, hard_tanh, min, prelu):
// to_string and to_latex of each op and of its gradient, exact. They are definitional: the
// op's `print` and `latex` facets (ops/activation.hpp, ops/arithmetic.hpp), and for the
// gradients its `partial` facet with the folding of expr/make.hpp (G = 1 under sum() folds
// away), written out as tests/inspect/to_string.cpp and latex.cpp derive theirs:
//   softplus  dA = G ⊙ sigmoid(A)
//   abs       dA = G ⊙ sign(A)
//   silu      dA = G ⊙ (σ(A) ⊙ (1 + A ⊙ (1 - σ(A))))
//   gelu      dA = G ⊙ (0.5 ⊙ (1 + t + A ⊙ (1 - t²) ⊙ (c ⊙ (1 + 3k ⊙ A²)))),
//             t = tanh(c ⊙ (A + k ⊙ (A ⊙ A²))), c = √(2/π), k = 0.044715
//   hard_tanh dA = G ⊙ [|A| < 1]
//   min(A, B) dA = G ⊙ [B ≥ A], dB = G ⊙ [B < A] (a tie goes to A)
//   prelu(A, a) dA = G ⊙ ([A > 0] + a ⊙ (1 - [A > 0])), da = G ⊙ min(A, 0), summed by a's
//             broadcast: rowsum (a per unit) or sum (a shared).
// The gate texts print(program) shows and the drawings: ops.gates.cpp.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/latex.hpp>

#include <string>

using namespace exprnet;
using namespace exprnet::literals;

namespace {
constexpr auto x = input<"x", 3>;
constexpr auto y = input<"y", 3>;
constexpr auto z = input<"z", 4>;
constexpr auto w = param<"w", 1, 3>;
constexpr auto W = param<"W", 4, 3>;
constexpr auto V = param<"V", 4, 3>;
constexpr auto a = param<"a", 4>;  // prelu: a slope per unit
constexpr auto s = param<"s", 1>;  // prelu: one shared slope
}  // namespace

BOOST_AUTO_TEST_CASE(forward_to_string) {
    BOOST_TEST(to_string(softplus(w * x)) == "softplus(w * x)");
    BOOST_TEST(to_string(abs(w * x)) == "abs(w * x)");
    BOOST_TEST(to_string(silu(w * x)) == "silu(w * x)");
    BOOST_TEST(to_string(gelu(w * x)) == "gelu(w * x)");
    BOOST_TEST(to_string(hard_tanh(w * x)) == "hard_tanh(w * x)");
    BOOST_TEST(to_string(min(W * x, V * x)) == "min(W * x, V * x)");
    BOOST_TEST(to_string(min(x, 0_c)) == "min(x, 0)");  // the constant broadcasts, and prints as itself
    BOOST_TEST(to_string(prelu(W * x, a)) == "prelu(W * x, a)");
    BOOST_TEST(to_string(prelu(W * x, s)) == "prelu(W * x, s)");
    // Calls are atoms: no parentheses around them, their operands' own inside.
    BOOST_TEST(to_string(-abs(x)) == "-abs(x)");
    BOOST_TEST(to_string(abs(x - y)) == "abs(x - y)");
    BOOST_TEST(to_string(transpose(abs(W))) == "abs(W)ᵀ");
    BOOST_TEST(to_string(min(x, y) + y) == "min(x, y) + y");
    BOOST_TEST(to_string(hadamard(hard_tanh(x), gelu(y))) == "hard_tanh(x) ⊙ gelu(y)");
}

BOOST_AUTO_TEST_CASE(forward_to_latex) {
    BOOST_TEST(to_latex(softplus(w * x)) == "\\operatorname{softplus}\\left(w x\\right)");
    BOOST_TEST(to_latex(silu(w * x)) == "\\operatorname{silu}\\left(w x\\right)");
    BOOST_TEST(to_latex(gelu(w * x)) == "\\operatorname{gelu}\\left(w x\\right)");
    BOOST_TEST(to_latex(hard_tanh(w * x)) == "\\operatorname{hard\\_tanh}\\left(w x\\right)");
    BOOST_TEST(to_latex(min(W * x, V * x)) == "\\min\\left(W x, V x\\right)");
    BOOST_TEST(to_latex(prelu(W * x, a)) == "\\operatorname{prelu}\\left(W x, a\\right)");
    // abs is written with bars, a primary: a base of ^ needs no parentheses.
    BOOST_TEST(to_latex(abs(w * x)) == "\\left|w x\\right|");
    BOOST_TEST(to_latex(abs(x - y)) == "\\left|x - y\\right|");
    BOOST_TEST(to_latex(square(abs(x))) == "\\left|x\\right|^{2}");
    BOOST_TEST(to_latex(transpose(abs(W))) == "\\left|W\\right|^\\top");
    BOOST_TEST(to_latex(-abs(x)) == "-\\left|x\\right|");
    BOOST_TEST(to_latex(hadamard(hard_tanh(x), gelu(y))) ==
               "\\operatorname{hard\\_tanh}\\left(x\\right) \\odot \\operatorname{gelu}\\left(y\\right)");
}

BOOST_AUTO_TEST_CASE(gradients_to_string) {
    // Under sum(), G = 1 folds away and d(w * x) is the local derivative; dw = that * xᵀ.
    BOOST_TEST(to_string(grad(sum(softplus(w * x)), w)) == "sigmoid(w * x) * xᵀ");
    BOOST_TEST(to_string(grad(sum(abs(w * x)), w)) == "sign(w * x) * xᵀ");
    BOOST_TEST(to_string(grad(sum(silu(w * x)), w)) == "(sigmoid(w * x) ⊙ (1 + (w * x) ⊙ (1 - sigmoid(w * x)))) * xᵀ");
    // gelu: c = √(2/π) and k = 0.044715 print in shortest round-trip form; 3k folds to 0.134145.
    const std::string u = "(w * x)", t = "tanh(0.7978845608028654 ⊙ (w * x + 0.044715 ⊙ (" + u + " ⊙ square(w * x))))";
    BOOST_TEST(to_string(grad(sum(gelu(w * x)), w)) ==
               "(0.5 ⊙ (1 + " + t + " + " + u + " ⊙ (1 - square(" + t + ")) ⊙ (0.7978845608028654 ⊙ (1 + 0.134145 ⊙ square(w * x))))) * xᵀ");
    BOOST_TEST(to_string(grad(sum(hard_tanh(w * x)), w)) == "[|w * x| < 1] * xᵀ");
    BOOST_TEST(to_string(grad(sum(hard_tanh(W * x - z)), W)) == "[|W * x - z| < 1] * xᵀ");
    // min routes: A gets G where B ≥ A (ties), B where B < A.
    BOOST_TEST(to_string(grad(sum(min(W * x, V * x)), W)) == "[V * x ≥ W * x] * xᵀ");
    BOOST_TEST(to_string(grad(sum(min(W * x, V * x)), V)) == "[V * x < W * x] * xᵀ");
    // prelu: the input's slope is 1 or a; the slope's gradient min(A, 0) is summed by its
    // broadcast, over the batch for a per-unit slope, over everything for a shared one.
    BOOST_TEST(to_string(grad(sum(prelu(W * x, a)), W)) == "([W * x > 0] + a ⊙ (1 - [W * x > 0])) * xᵀ");
    BOOST_TEST(to_string(grad(sum(prelu(W * x, a)), a)) == "rowsum(min(W * x, 0))");
    BOOST_TEST(to_string(grad(sum(prelu(W * x, s)), W)) == "([W * x > 0] + s ⊙ (1 - [W * x > 0])) * xᵀ");
    BOOST_TEST(to_string(grad(sum(prelu(W * x, s)), s)) == "sum(min(W * x, 0))");
    // A G that is not 1 (multiply swaps: abs(W * x) ⊙ z gives abs the G = z) multiplies the
    // local derivative.
    BOOST_TEST(to_string(grad(sum(hadamard(abs(W * x), z)), W)) == "(z ⊙ sign(W * x)) * xᵀ");
}

BOOST_AUTO_TEST_CASE(gradients_to_latex) {
    BOOST_TEST(to_latex(grad(sum(softplus(w * x)), w)) == "\\sigma\\left(w x\\right) x^\\top");
    BOOST_TEST(to_latex(grad(sum(abs(w * x)), w)) == "\\operatorname{sign}\\left(w x\\right) x^\\top");
    const std::string sg = "\\sigma\\left(w x\\right)";
    BOOST_TEST(to_latex(grad(sum(silu(w * x)), w)) ==
               "\\left(" + sg + " \\odot \\left(1 + \\left(w x\\right) \\odot \\left(1 - " + sg + "\\right)\\right)\\right) x^\\top");
    // gelu: 0.5 (…) is a constant scaling; x² is \left(w x\right)^{2}.
    const std::string u = "\\left(w x\\right)", u2 = u + "^{2}";
    const std::string t = "\\tanh\\left(0.7978845608028654 \\left(w x + 0.044715 " + u + " \\odot " + u2 + "\\right)\\right)";
    BOOST_TEST(to_latex(grad(sum(gelu(w * x)), w)) == "\\left(0.5 \\left(1 + " + t + " + " + u + " \\odot \\left(1 - " + t +
                                                          "^{2}\\right) \\odot \\left(0.7978845608028654 \\left(1 + 0.134145 " +
                                                          u2 + "\\right)\\right)\\right)\\right) x^\\top");
    BOOST_TEST(to_latex(grad(sum(hard_tanh(w * x)), w)) == "\\mathbb{1}[\\left|w x\\right| < 1] x^\\top");
    BOOST_TEST(to_latex(grad(sum(min(W * x, V * x)), W)) == "\\mathbb{1}[V x \\ge W x] x^\\top");
    BOOST_TEST(to_latex(grad(sum(min(W * x, V * x)), V)) == "\\mathbb{1}[V x < W x] x^\\top");
    BOOST_TEST(to_latex(grad(sum(prelu(W * x, a)), W)) ==
               "\\left(\\mathbb{1}[W x > 0] + a \\odot \\left(1 - \\mathbb{1}[W x > 0]\\right)\\right) x^\\top");
    BOOST_TEST(to_latex(grad(sum(prelu(W * x, a)), a)) == "\\sum_{n}\\left(\\min\\left(W x, 0\\right)\\right)");
    BOOST_TEST(to_latex(grad(sum(prelu(W * x, s)), s)) == "\\sum\\left(\\min\\left(W x, 0\\right)\\right)");
}

// log_sigmoid (issue 15): a call in text, log σ in LaTeX; its gradient is G ⊙ σ(-x).
BOOST_AUTO_TEST_CASE(log_sigmoid_text) {
    BOOST_TEST(to_string(log_sigmoid(w * x)) == "log_sigmoid(w * x)");
    BOOST_TEST(to_latex(log_sigmoid(w * x)) == "\\log\\sigma\\left(w x\\right)");
    BOOST_TEST(to_string(grad(sum(log_sigmoid(w * x)), w)) == "sigmoid(-(w * x)) * xᵀ");
}
