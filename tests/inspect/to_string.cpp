// to_string: exact strings for the forward expressions of CS231n's networks and for gradients,
// each derived by hand from the printing rules (inspect/to_string.hpp) and, for gradients, the
// backward rules (diff/rules/) with the folding of expr/make.hpp. The rules, in short:
//   * names for symbols; constants in shortest round-trip form (std::to_chars): 1e-4 -> 1e-04,
//     2e-4 -> 2e-04, 0.001 -> 0.001; count_leaf of the batch -> N (R N for R rows), of a fixed
//     shape -> R*C; broadcasts print as their operand;
//   * precedences: + and - (1) < * and ⊙ and / (2) < unary minus (3) < atoms (calls, masks,
//     leaves); an operand of lower precedence gets parentheses; at equal precedence the left
//     operand needs none if the operators are of one family (+/-, or the same op, or two matrix
//     products), the right operand needs none only in a + (b + c);
//   * transpose appends ᵀ to an atom, else to a parenthesised operand.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

#include <string>

using namespace exprnet;
using namespace exprnet::literals;

namespace {

// The two-layer net (the 784-100-10 one; sizes never print).
constexpr auto x = input<"x", 784>;
constexpr auto y = input<"y", 10>;
constexpr auto W1 = param<"W1", 100, 784>;
constexpr auto b1 = param<"b1", 100>;
constexpr auto W2 = param<"W2", 10, 100>;
constexpr auto b2 = param<"b2", 10>;
constexpr auto scores = W2 * relu(W1 * x + b1) + b2;
constexpr auto loss = softmax_cross_entropy(scores, y) + 1e-4_c * (sum_sq(W1) + sum_sq(W2));

}  // namespace

BOOST_AUTO_TEST_CASE(forward_expressions) {
    // add(matmul(W2, relu(add(matmul(W1, x), b1))), b2): the product binds tighter than +.
    BOOST_TEST(to_string(scores) == "W2 * relu(W1 * x + b1) + b2");
    BOOST_TEST(to_string(W2 * relu(W1 * x)) == "W2 * relu(W1 * x)");
    // The L2 term: c ⊙ (sum + sum); the sum under ⊙ needs parentheses; sum_sq(W) = sum(square(W)).
    BOOST_TEST(to_string(loss) ==
               "softmax_cross_entropy(W2 * relu(W1 * x + b1) + b2, y) + 1e-04 ⊙ (sum(square(W1)) + sum(square(W2)))");
    BOOST_TEST(to_string(softmax_cross_entropy(scores, y) + 1e-3_c * sum_sq(W1)) ==
               "softmax_cross_entropy(W2 * relu(W1 * x + b1) + b2, y) + 0.001 ⊙ sum(square(W1))");
    BOOST_TEST(to_string(softmax(scores)) == "softmax(W2 * relu(W1 * x + b1) + b2)");

    // The sigmoid neuron.
    constexpr auto w = param<"w", 1, 3>;
    constexpr auto b = param<"b", 1>;
    constexpr auto x3 = input<"x", 3>;
    BOOST_TEST(to_string(sigmoid(w * x3 + b)) == "sigmoid(w * x + b)");

    // The three-layer forward pass.
    constexpr auto V1 = param<"W1", 4, 3>;
    constexpr auto c1 = param<"b1", 4>;
    constexpr auto V2 = param<"W2", 4, 4>;
    constexpr auto c2 = param<"b2", 4>;
    constexpr auto V3 = param<"W3", 1, 4>;
    constexpr auto c3 = param<"b3", 1>;
    BOOST_TEST(to_string(V3 * sigmoid(V2 * sigmoid(V1 * x3 + c1) + c2) + c3) ==
               "W3 * sigmoid(W2 * sigmoid(W1 * x + b1) + b2) + b3");

    // Maxout, a call; max(0, e) is relu(e).
    constexpr auto U1 = param<"W1", 5, 784>;
    constexpr auto U2 = param<"W2", 5, 784>;
    constexpr auto d1 = param<"b1", 5>;
    constexpr auto d2 = param<"b2", 5>;
    BOOST_TEST(to_string(max(U1 * x + d1, U2 * x + d2)) == "max(W1 * x + b1, W2 * x + b2)");
    BOOST_TEST(to_string(max(0_c, U1 * x)) == "relu(W1 * x)");
    BOOST_TEST(to_string(max(U1 * x, U2 * x) + d1) == "max(W1 * x, W2 * x) + b1");
}

BOOST_AUTO_TEST_CASE(operators_and_parentheses) {
    constexpr auto W = param<"W", 10, 784>;
    constexpr auto V = param<"V", 10, 10>;
    // Products associate as written: (V W) x needs no parentheses, V (W x) does.
    BOOST_TEST(to_string((V * W) * x) == "V * W * x");
    BOOST_TEST(to_string(V * (W * x)) == "V * (W * x)");
    // Sums: a - (b - c) keeps them, a + (b + c) does not need them.
    BOOST_TEST(to_string(W * x - (V * (W * x) - y)) == "W * x - (V * (W * x) - y)");
    BOOST_TEST(to_string(W * x + (V * (W * x) + y)) == "W * x + V * (W * x) + y");
    // Transposes: of a leaf, of a call, of a product.
    BOOST_TEST(to_string(transpose(W) * y) == "Wᵀ * y");
    BOOST_TEST(to_string(transpose(relu(W * x))) == "relu(W * x)ᵀ");
    BOOST_TEST(to_string(transpose(W * x)) == "(W * x)ᵀ");
    BOOST_TEST(to_string(transpose(transpose(W))) == "W");  // folded
    // Unary minus and constants (constants go left of ⊙).
    BOOST_TEST(to_string(-(W * x)) == "-(W * x)");
    BOOST_TEST(to_string(-x) == "-x");
    BOOST_TEST(to_string(-(-x)) == "x");
    BOOST_TEST(to_string(0.5_c * x) == "0.5 ⊙ x");
    BOOST_TEST(to_string(x * 0.5_c) == "0.5 ⊙ x");
    BOOST_TEST(to_string(ratio_c<1, 4> * x) == "0.25 ⊙ x");
    BOOST_TEST(to_string(hadamard(x, x) / (x + x)) == "(x ⊙ x) / (x + x)");  // ⊙ and / differ
    BOOST_TEST(to_string(hadamard(hadamard(x, x), x)) == "x ⊙ x ⊙ x");
    // Activations are calls.
    BOOST_TEST(to_string(tanh(W * x)) == "tanh(W * x)");
    BOOST_TEST(to_string(elu(exp(log(square(x))))) == "elu(exp(log(square(x))))");
    BOOST_TEST(to_string(leaky_relu(W * x)) == "leaky_relu(W * x)");
    BOOST_TEST(to_string(leaky_relu(W * x, 0.2_c)) == "leaky_relu(W * x, 0.2)");  // not the default slope
}

BOOST_AUTO_TEST_CASE(losses) {
    constexpr auto W = param<"W", 10, 784>;
    constexpr auto t = input<"t", 1>;
    constexpr auto w = param<"w", 1, 784>;
    // mean(A) = sum(A) / count: N for a 1-row batch value, 10N for 10 rows, R*C for a param.
    BOOST_TEST(to_string(mean(w * x)) == "sum(w * x) / N");
    BOOST_TEST(to_string(mean(W * x)) == "sum(W * x) / 10N");
    BOOST_TEST(to_string(mean(W)) == "sum(W) / 7840");
    // mse(p, t) = mean(square(p - t)).
    BOOST_TEST(to_string(mse(w * x, t)) == "sum(square(w * x - t)) / N");
    // svm_loss(s, y) = sum(relu(s - colsum(y ⊙ s) + 1) ⊙ (1 - y)) / N, with s = W x: y ⊙ (W x)
    // keeps its parentheses (⊙ and * are different products).
    BOOST_TEST(to_string(svm_loss(W * x, y)) == "sum(relu(W * x - colsum(y ⊙ (W * x)) + 1) ⊙ (1 - y)) / N");
}

BOOST_AUTO_TEST_CASE(gradients_of_the_two_layer_net) {
    const auto g = grad(loss, wrt(W1, b1, W2, b2));
    // The loss's rule: dscores = 1 ⊙ (softmax(scores) - y) / N = G (the 1 folds away).
    // dW2 = G hᵀ from the product W2 * h, plus 1e-4 ⊙ 2 ⊙ W2 = 2e-04 ⊙ W2 from the regulariser
    // (the two constants fold). G under * keeps its parentheses (a / inside a *).
    const std::string G = "((softmax(W2 * relu(W1 * x + b1) + b2) - y) / N)";
    BOOST_TEST(to_string(g[W2]) == G + " * relu(W1 * x + b1)ᵀ + 2e-04 ⊙ W2");
    // db2: the broadcast of b2 sums G over the batch.
    BOOST_TEST(to_string(g[b2]) == "rowsum((softmax(W2 * relu(W1 * x + b1) + b2) - y) / N)");
    // dh = W2ᵀ G; relu routes it by the sign of its output: dz = dh ⊙ [h > 0].
    const std::string dz = "(W2ᵀ * " + G + ") ⊙ [relu(W1 * x + b1) > 0]";
    BOOST_TEST(to_string(g[W1]) == "(" + dz + ") * xᵀ + 2e-04 ⊙ W1");
    BOOST_TEST(to_string(g[b1]) == "rowsum(" + dz + ")");

    // Without biases nor regulariser.
    constexpr auto plain = softmax_cross_entropy(W2 * relu(W1 * x), y);
    BOOST_TEST(to_string(grad(plain, W2)) == "((softmax(W2 * relu(W1 * x)) - y) / N) * relu(W1 * x)ᵀ");
    BOOST_TEST(to_string(grad(plain, W1)) ==
               "((W2ᵀ * ((softmax(W2 * relu(W1 * x)) - y) / N)) ⊙ [relu(W1 * x) > 0]) * xᵀ");
}

BOOST_AUTO_TEST_CASE(gradients_of_the_small_nets) {
    // The sigmoid neuron under sum: G = 1 folds away; sigmoid's rule G ⊙ (s ⊙ (1 - s)).
    constexpr auto w = param<"w", 1, 3>;
    constexpr auto b = param<"b", 1>;
    constexpr auto x3 = input<"x", 3>;
    constexpr auto f = sum(sigmoid(w * x3 + b));
    BOOST_TEST(to_string(grad(f, w)) == "(sigmoid(w * x + b) ⊙ (1 - sigmoid(w * x + b))) * xᵀ");
    // b is 1x1, broadcast over the batch: its gradient sums over it.
    BOOST_TEST(to_string(grad(f, b)) == "sum(sigmoid(w * x + b) ⊙ (1 - sigmoid(w * x + b)))");
    // Other activations' rules.
    BOOST_TEST(to_string(grad(sum(tanh(w * x3)), w)) == "(1 - square(tanh(w * x))) * xᵀ");
    BOOST_TEST(to_string(grad(sum(exp(w * x3)), w)) == "exp(w * x) * xᵀ");
    BOOST_TEST(to_string(grad(sum(log(w * x3)), w)) == "(1 / (w * x)) * xᵀ");
    BOOST_TEST(to_string(grad(sum(elu(w * x3)), w)) == "elu_slope(elu(w * x)) * xᵀ");
    BOOST_TEST(to_string(grad(sum(leaky_relu(w * x3, 0.2_c)), w)) == "leaky_slope(leaky_relu(w * x, 0.2), 0.2) * xᵀ");

    // Maxout under a softmax classifier: max routes the gradient with [a ≥ b] and [a < b].
    constexpr auto U1 = param<"W1", 5, 784>;
    constexpr auto U2 = param<"W2", 5, 784>;
    constexpr auto d1 = param<"b1", 5>;
    constexpr auto d2 = param<"b2", 5>;
    constexpr auto U3 = param<"W3", 10, 5>;
    constexpr auto maxout = softmax_cross_entropy(U3 * max(U1 * x + d1, U2 * x + d2), y);
    const std::string dh = "(W3ᵀ * ((softmax(W3 * max(W1 * x + b1, W2 * x + b2)) - y) / N))";
    BOOST_TEST(to_string(grad(maxout, U1)) == "(" + dh + " ⊙ [W1 * x + b1 ≥ W2 * x + b2]) * xᵀ");
    BOOST_TEST(to_string(grad(maxout, d2)) == "rowsum(" + dh + " ⊙ [W1 * x + b1 < W2 * x + b2])");
    BOOST_TEST(to_string(grad(sum(max(U1 * x + d1, U2 * x + d2)), U1)) == "[W1 * x + b1 ≥ W2 * x + b2] * xᵀ");

    // mse: d/dp of sum(square(p - t)) / (R·N) is (1 / RN) ⊙ (2 ⊙ (p - t)); 1 / RN is not a
    // compile-time constant, but the constants fold over the count (expr/make.hpp): 2 / N for one
    // row, 1 / N for two.
    constexpr auto t = input<"t", 1>;
    BOOST_TEST(to_string(grad(mse(w * x3 + b, t), b)) == "sum((2 / N) ⊙ (w * x + b - t))");
    constexpr auto t2 = input<"t", 2>;
    constexpr auto W2x = param<"W", 2, 3>;
    constexpr auto b2x = param<"b", 2>;
    BOOST_TEST(to_string(grad(mse(W2x * x3 + b2x, t2), b2x)) == "rowsum((1 / N) ⊙ (W * x + b - t))");
}
