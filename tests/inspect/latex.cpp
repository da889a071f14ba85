// to_latex: exact LaTeX for the forward expressions and gradients of CS231n's nets, derived by
// hand: take the gradient as to_string prints it (tests/inspect/to_string.cpp derives those
// from the backward rules) and rewrite it with the LaTeX rules of inspect/latex.hpp:
//   * names: W1 -> W_{1}, a one-letter base italic, a longer one \mathrm; numbers: 1e-04 ->
//     10^{-4}, 2e-04 -> 2 \cdot 10^{-4}; the count N, 10N -> 10 N;
//   * A * B -> A B, c ⊙ X -> c X (a constant scales), a ⊙ b -> a \odot b, a / b -> \frac{a}{b},
//     Aᵀ -> A^\top, square(a) -> a^{2}, [h > 0] -> \mathbb{1}[h > 0], relu -> \operatorname{relu},
//     sigmoid -> \sigma, sum -> \sum, rowsum over the batch -> \sum_{n};
//   * precedences: + - (1) < products (2) < unary minus (3) < ^ and \frac (4) < atoms (5);
//     parentheses, as \left( \right), where to_string puts them, plus around the base of a ^
//     that is not an atom; none around a \frac, which is its own group.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/latex.hpp>

#include <string>

using namespace exprnet;
using namespace exprnet::literals;

namespace {

constexpr auto x = input<"x", 784>;
constexpr auto y = input<"y", 10>;
constexpr auto W1 = param<"W1", 100, 784>;
constexpr auto b1 = param<"b1", 100>;
constexpr auto W2 = param<"W2", 10, 100>;
constexpr auto b2 = param<"b2", 10>;
constexpr auto scores = W2 * relu(W1 * x + b1) + b2;
constexpr auto loss = softmax_cross_entropy(scores, y) + 1e-4_c * (sum_sq(W1) + sum_sq(W2));

}  // namespace

BOOST_AUTO_TEST_CASE(names_and_numbers) {
    BOOST_TEST(to_latex(W1) == "W_{1}");
    BOOST_TEST(to_latex(x) == "x");
    BOOST_TEST(to_latex(param<"W12", 2, 2>) == "W_{12}");
    BOOST_TEST(to_latex(param<"W_out", 2, 2>) == "W_{\\mathrm{out}}");
    BOOST_TEST(to_latex(param<"hidden2", 2, 2>) == "\\mathrm{hidden}_{2}");
    BOOST_TEST(to_latex(param<"fc1.weight", 2, 2>) == "\\mathrm{fc1.weight}");  // no index: nothing after the last letter
    BOOST_TEST(to_latex(param<"a&b", 2, 2>) == "\\mathrm{a\\&b}");
    BOOST_TEST(to_latex(0.5_c * x) == "0.5 x");
    BOOST_TEST(to_latex(1e-4_c * x) == "10^{-4} x");
    BOOST_TEST(to_latex(2.5e-5_c * x) == "2.5 \\cdot 10^{-5} x");
    BOOST_TEST(to_latex(ratio_c<-1, 4> * x) == "-0.25 x");
    BOOST_TEST(to_latex(1e20_c * x) == "10^{20} x");
}

BOOST_AUTO_TEST_CASE(operators_and_parentheses) {
    constexpr auto W = param<"W", 10, 784>;
    constexpr auto V = param<"V", 10, 10>;
    BOOST_TEST(to_latex((V * W) * x) == "V W x");
    BOOST_TEST(to_latex(V * (W * x)) == "V \\left(W x\\right)");
    BOOST_TEST(to_latex(W * x - (V * (W * x) - y)) == "W x - \\left(V \\left(W x\\right) - y\\right)");
    BOOST_TEST(to_latex(transpose(W) * y) == "W^\\top y");
    BOOST_TEST(to_latex(transpose(W * x)) == "\\left(W x\\right)^\\top");
    BOOST_TEST(to_latex(transpose(relu(W * x))) == "\\operatorname{relu}\\left(W x\\right)^\\top");
    BOOST_TEST(to_latex(-(W * x)) == "-\\left(W x\\right)");
    BOOST_TEST(to_latex(hadamard(x, x) / (x + x)) == "\\frac{x \\odot x}{x + x}");
    BOOST_TEST(to_latex(hadamard(W * x, y)) == "\\left(W x\\right) \\odot y");
    BOOST_TEST(to_latex(square(W * x)) == "\\left(W x\\right)^{2}");
    BOOST_TEST(to_latex(square(y / (W * x))) == "\\left(\\frac{y}{W x}\\right)^{2}");  // a ^ needs an atom
    BOOST_TEST(to_latex(tanh(exp(log(x)))) == "\\tanh\\left(\\exp\\left(\\log\\left(x\\right)\\right)\\right)");
    BOOST_TEST(to_latex(max(W * x, y)) == "\\max\\left(W x, y\\right)");
    BOOST_TEST(to_latex(leaky_relu(W * x, 0.2_c)) == "\\operatorname{leaky\\_relu}\\left(W x, 0.2\\right)");
    BOOST_TEST(to_latex(elu(x)) == "\\operatorname{elu}\\left(x\\right)");
}

BOOST_AUTO_TEST_CASE(forward_expressions) {
    BOOST_TEST(to_latex(scores) == "W_{2} \\operatorname{relu}\\left(W_{1} x + b_{1}\\right) + b_{2}");
    // CE(softmax(S), y) + 1e-04 ⊙ (sum(square(W1)) + sum(square(W2))): the constant scales.
    BOOST_TEST(to_latex(loss) ==
               "\\operatorname{CE}\\left(\\operatorname{softmax}\\left(W_{2} \\operatorname{relu}\\left(W_{1} x + b_{1}\\right) + "
               "b_{2}\\right), y\\right) + 10^{-4} \\left(\\sum\\left(W_{1}^{2}\\right) + \\sum\\left(W_{2}^{2}\\right)\\right)");
    // The three-layer sigmoid net.
    constexpr auto x3 = input<"x", 3>;
    constexpr auto V1 = param<"W1", 4, 3>;
    constexpr auto c1 = param<"b1", 4>;
    constexpr auto V2 = param<"W2", 4, 4>;
    constexpr auto c2 = param<"b2", 4>;
    constexpr auto V3 = param<"W3", 1, 4>;
    constexpr auto c3 = param<"b3", 1>;
    BOOST_TEST(to_latex(V3 * sigmoid(V2 * sigmoid(V1 * x3 + c1) + c2) + c3) ==
               "W_{3} \\sigma\\left(W_{2} \\sigma\\left(W_{1} x + b_{1}\\right) + b_{2}\\right) + b_{3}");
    // mean and mse divide by the count: sum(W x) / 10N, sum(square(w x - t)) / N.
    constexpr auto w = param<"w", 1, 784>;
    constexpr auto t = input<"t", 1>;
    BOOST_TEST(to_latex(mean(param<"W", 10, 784> * x)) == "\\frac{\\sum\\left(W x\\right)}{10 N}");
    BOOST_TEST(to_latex(mse(w * x, t)) == "\\frac{\\sum\\left(\\left(w x - t\\right)^{2}\\right)}{N}");
}

BOOST_AUTO_TEST_CASE(gradients_of_the_two_layer_net) {
    const auto g = grad(loss, wrt(W1, b1, W2, b2));
    // to_string: G = (softmax(S) - y) / N; dW2 = G * relu(W1 * x + b1)ᵀ + 2e-04 ⊙ W2;
    // db2 = rowsum(G); dW1 = ((W2ᵀ * G) ⊙ [h > 0]) * xᵀ + 2e-04 ⊙ W1; db1 = rowsum(the same dz).
    const std::string h = "\\operatorname{relu}\\left(W_{1} x + b_{1}\\right)";
    const std::string G = "\\frac{\\operatorname{softmax}\\left(W_{2} " + h + " + b_{2}\\right) - y}{N}";
    const std::string dz = "\\left(W_{2}^\\top " + G + "\\right) \\odot \\mathbb{1}[" + h + " > 0]";
    BOOST_TEST(to_latex(g[W2]) == G + " " + h + "^\\top + 2 \\cdot 10^{-4} W_{2}");
    BOOST_TEST(to_latex(g[b2]) == "\\sum_{n}\\left(" + G + "\\right)");
    BOOST_TEST(to_latex(g[W1]) == "\\left(" + dz + "\\right) x^\\top + 2 \\cdot 10^{-4} W_{1}");
    BOOST_TEST(to_latex(g[b1]) == "\\sum_{n}\\left(" + dz + "\\right)");
}

BOOST_AUTO_TEST_CASE(gradients_of_the_small_nets) {
    // The sigmoid neuron under sum: (s ⊙ (1 - s)) * xᵀ and, b being 1x1, sum(s ⊙ (1 - s)).
    constexpr auto w = param<"w", 1, 3>;
    constexpr auto b = param<"b", 1>;
    constexpr auto x3 = input<"x", 3>;
    constexpr auto f = sum(sigmoid(w * x3 + b));
    const std::string s = "\\sigma\\left(w x + b\\right)";
    const std::string ds = s + " \\odot \\left(1 - " + s + "\\right)";
    BOOST_TEST(to_latex(grad(f, w)) == "\\left(" + ds + "\\right) x^\\top");
    BOOST_TEST(to_latex(grad(f, b)) == "\\sum\\left(" + ds + "\\right)");
    // tanh: (1 - square(tanh(w * x))) * xᵀ; leaky relu and elu: their slopes as indicator sums.
    BOOST_TEST(to_latex(grad(sum(tanh(w * x3)), w)) ==
               "\\left(1 - \\tanh\\left(w x\\right)^{2}\\right) x^\\top");
    const std::string l = "\\operatorname{leaky\\_relu}\\left(w x, 0.2\\right)";
    BOOST_TEST(to_latex(grad(sum(leaky_relu(w * x3, 0.2_c)), w)) ==
               "\\left(\\mathbb{1}[" + l + " > 0] + 0.2 \\mathbb{1}[" + l + " \\le 0]\\right) x^\\top");
    const std::string e = "\\operatorname{elu}\\left(w x\\right)";
    BOOST_TEST(to_latex(grad(sum(elu(w * x3)), w)) ==
               "\\left(\\mathbb{1}[" + e + " > 0] + \\left(" + e + " + 1\\right) \\mathbb{1}[" + e + " \\le 0]\\right) x^\\top");

    // Maxout under a softmax classifier: max routes dh with 1[a ≥ b] and 1[a < b].
    constexpr auto U1 = param<"W1", 5, 784>;
    constexpr auto U2 = param<"W2", 5, 784>;
    constexpr auto d1 = param<"b1", 5>;
    constexpr auto d2 = param<"b2", 5>;
    constexpr auto U3 = param<"W3", 10, 5>;
    constexpr auto maxout = softmax_cross_entropy(U3 * max(U1 * x + d1, U2 * x + d2), y);
    const std::string a = "W_{1} x + b_{1}", c = "W_{2} x + b_{2}";
    const std::string dh = "\\left(W_{3}^\\top \\frac{\\operatorname{softmax}\\left(W_{3} \\max\\left(" + a + ", " + c +
                           "\\right)\\right) - y}{N}\\right)";
    BOOST_TEST(to_latex(grad(maxout, U1)) == "\\left(" + dh + " \\odot \\mathbb{1}[" + a + " \\ge " + c + "]\\right) x^\\top");
    BOOST_TEST(to_latex(grad(maxout, d2)) == "\\sum_{n}\\left(" + dh + " \\odot \\mathbb{1}[" + a + " < " + c + "]\\right)");
}
