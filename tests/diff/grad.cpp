// Gradients as types (diff/grad.hpp and the rules of diff/rules/): the gradient expressions of
// simple losses are exactly the rule results, simplified (1 ⊙ e → e, 0 + e → e, (Aᵀ)ᵀ → A), and
// to_string prints them as the math reads. Every expected type and string below was derived by
// hand from the rules, not copied from the output.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

#include <type_traits>

using namespace exprnet;
using namespace exprnet::literals;

namespace {
using X = input_leaf<"x", 3>;
using Y = input_leaf<"y", 2>;
using Z = input_leaf<"z", 2>;
using Wt = param_leaf<"W", 2, 3>;
using Vt = param_leaf<"V", 2, 3>;
using At = param_leaf<"A", 2, 3>;
using Bt = param_leaf<"B", 2, 3>;
using Ct = param_leaf<"C", 2, 3>;
using Tt = param_leaf<"T", 3, 2>;
using bt = param_leaf<"b", 2, 1>;
using ut = param_leaf<"u", 1, 3>;
using st = param_leaf<"s", 1, 1>;

constexpr X x{};
constexpr Y y{};
constexpr Z z{};
constexpr Wt W{};
constexpr Vt V{};
constexpr At A{};
constexpr Bt B{};
constexpr Ct C{};
constexpr Tt T{};
constexpr bt b{};
constexpr ut u{};
constexpr st s{};

/// The constant N/D as a node type.
template <long long N, long long D = 1>
using c = std::remove_cvref_t<decltype(ratio_c<N, D>)>;

template <class E>
using t = std::remove_cvref_t<E>;

using WX = matmul<Wt, X>;
using VX = matmul<Vt, X>;
using xT = transpose_node<X>;

template <class E>
constexpr auto readout(E e) {
    return sum(hadamard(e, z));
}
}  // namespace

// ---- the seed and the simplest products ------------------------------------------------------

static_assert(std::is_same_v<grad_t<t<decltype(sum(W * x))>, t<decltype(sum(W * x))>>, c<1>>);
static_assert(std::is_same_v<grad_t<st, st>, c<1>>);  // a 1x1 param as its own loss

// d sum(W x) / d(W x) is a block of ones (the 1 broadcast); dW = 1 · xᵀ.
static_assert(std::is_same_v<grad_t<decltype(sum(W * x)), WX>, broadcast<c<1>, 2, batch_dim>>);
static_assert(std::is_same_v<decltype(grad(sum(W * x), W)), matmul<broadcast<c<1>, 2, batch_dim>, xT>>);

// The readout sum(e ⊙ z): the adjoint of e is z itself (1 ⊙ z → z).
static_assert(std::is_same_v<grad_t<decltype(readout(W * x)), WX>, Z>);
static_assert(std::is_same_v<decltype(grad(readout(W * x), W)), matmul<Z, xT>>);

// A node the loss does not contain has gradient zero.
static_assert(std::is_same_v<grad_t<decltype(readout(W * x)), Vt>, zero_leaf<2, 3>>);

// ---- arithmetic ------------------------------------------------------------------------------

// dA of A + B is the adjoint of A + B, unchanged.
static_assert(std::is_same_v<grad_t<decltype(sum(hadamard(A + B, C))), binary<add_op, At, Bt>>, Ct>);
static_assert(std::is_same_v<decltype(grad(sum(hadamard(A + B, C)), A)), Ct>);
static_assert(std::is_same_v<decltype(grad(sum(hadamard(A + B, C)), B)), Ct>);
// ... and of A - B, negated for B; of A ⊙ B, swapped.
static_assert(std::is_same_v<decltype(grad(sum(hadamard(A - B, C)), B)), unary<neg_op, Ct>>);
static_assert(std::is_same_v<decltype(grad(sum(hadamard(hadamard(A, B), C)), A)), binary<mul_op, Ct, Bt>>);
static_assert(std::is_same_v<decltype(grad(sum(hadamard(hadamard(A, B), C)), B)), binary<mul_op, Ct, At>>);
// Quotient rule: d(A / B)/dA = G / B, d/dB = -((G ⊙ (A / B)) / B).
static_assert(std::is_same_v<decltype(grad(sum(hadamard(A / B, C)), A)), binary<div_op, Ct, Bt>>);
static_assert(std::is_same_v<decltype(grad(sum(hadamard(A / B, C)), B)),
                             unary<neg_op, binary<div_op, binary<mul_op, Ct, binary<div_op, At, Bt>>, Bt>>>);
// max routes to the winner.
static_assert(std::is_same_v<decltype(grad(sum(hadamard(max(A, B), C)), A)), binary<mul_op, Ct, binary<ge_mask_op, At, Bt>>>);
static_assert(std::is_same_v<decltype(grad(sum(hadamard(max(A, B), C)), B)), binary<mul_op, Ct, binary<lt_mask_op, At, Bt>>>);
// Constants fold: 3 ⊙ (2 ⊙ A) is 6 ⊙ A, and its gradient is the constant 6 broadcast.
static_assert(std::is_same_v<decltype(grad(sum(3_c * (2_c * A)), A)), broadcast<c<6>, 2, 3>>);
// sum_sq(W) = sum(square(W)): d/dW = 2 ⊙ W (the 1 ⊙ in front is simplified away).
static_assert(std::is_same_v<decltype(grad(sum_sq(W), W)), binary<mul_op, broadcast<c<2>, 2, 3>, Wt>>);
// 1e-4 ⊙ sum_sq(W): the constants 1e-4 and 2 fold into one, 2e-4 (= 1/5000 exactly in double).
static_assert(std::is_same_v<decltype(grad(1e-4_c * sum_sq(W), W)), binary<mul_op, broadcast<c<1, 5000>, 2, 3>, Wt>>);

// ---- broadcasts: a column sums over the batch, a row over the rows, a scalar over everything ----

static_assert(std::is_same_v<decltype(grad(readout(W * x + b), b)), rowwise_sum<Z>>);
static_assert(std::is_same_v<decltype(grad(readout(W * x + u * x), u)), matmul<colwise_sum<Z>, xT>>);
static_assert(std::is_same_v<decltype(grad(readout(W * x + s), s)), sum_all<Z>>);

// ---- activations: relu's mask is taken on its *output* ---------------------------------------

using H = unary<relu_op, WX>;
static_assert(std::is_same_v<grad_t<decltype(readout(relu(W * x))), WX>, binary<mul_op, Z, unary<positive_mask_op, H>>>);
static_assert(std::is_same_v<decltype(grad(readout(relu(W * x)), W)), matmul<binary<mul_op, Z, unary<positive_mask_op, H>>, xT>>);
// max(0, e) is relu(e), so it has the same gradient.
static_assert(std::is_same_v<decltype(grad(readout(max(0_c, W * x)), W)), decltype(grad(readout(relu(W * x)), W))>);
// sigmoid and exp reuse their output.
using Sg = unary<sigmoid_op, WX>;
static_assert(std::is_same_v<grad_t<decltype(readout(sigmoid(W * x))), WX>,
                             binary<mul_op, Z, binary<mul_op, Sg, binary<sub_op, broadcast<c<1>, 2, batch_dim>, Sg>>>>);
static_assert(std::is_same_v<grad_t<decltype(readout(exp(W * x))), WX>, binary<mul_op, Z, unary<exp_op, WX>>>);
static_assert(std::is_same_v<grad_t<decltype(readout(log(W * x))), WX>, binary<div_op, Z, WX>>);

// ---- products and transposes -----------------------------------------------------------------

// (Aᵀ)ᵀ is A, in expressions and in gradients: dT of sum((xᵀ T) ⊙ zᵀ) is x · zᵀ, not (xᵀ)ᵀ · zᵀ.
static_assert(std::is_same_v<decltype(transpose(transpose(W))), Wt>);
static_assert(std::is_same_v<decltype(grad(sum(hadamard(transpose(x) * T, transpose(z))), T)),
                             matmul<X, transpose_node<Z>>>);
// dTᵀ = G · xᵀ, so dT = (G · xᵀ)ᵀ.
static_assert(std::is_same_v<decltype(grad(readout(transpose(T) * x), T)), transpose_node<matmul<Z, xT>>>);
// dA of A · B is G · Bᵀ, dB is Aᵀ · G.
namespace {
using Ut = param_leaf<"U", 2, 2>;
constexpr Ut U{};
using TtX = matmul<transpose_node<Tt>, X>;
}  // namespace
static_assert(std::is_same_v<decltype(grad(readout(U * (transpose(T) * x)), U)), matmul<Z, transpose_node<TtX>>>);
static_assert(std::is_same_v<grad_t<decltype(readout(U * (transpose(T) * x))), TtX>, matmul<transpose_node<Ut>, Z>>);
static_assert(std::is_same_v<decltype(grad(readout(U * (transpose(T) * x)), T)),
                             transpose_node<matmul<matmul<transpose_node<Ut>, Z>, xT>>>);

// ---- simplification of the constructors that rules use ----------------------------------------

static_assert(std::is_same_v<decltype(1_c * W), Wt>);
static_assert(std::is_same_v<decltype(hadamard(W, 1_c)), Wt>);
static_assert(std::is_same_v<decltype(0_c + W), Wt>);
static_assert(std::is_same_v<decltype(W + 0_c), Wt>);
static_assert(std::is_same_v<decltype(W - 0_c), Wt>);
static_assert(std::is_same_v<decltype(0_c - W), unary<neg_op, Wt>>);
static_assert(std::is_same_v<decltype(-(-W)), Wt>);
static_assert(std::is_same_v<decltype(0_c * W), zero_leaf<2, 3>>);
static_assert(std::is_same_v<decltype(W / 1_c), Wt>);

// ---- branches: one term per use, summed in graph order ---------------------------------------

// h ⊙ h: both positions of one parent contribute h.
static_assert(std::is_same_v<grad_t<decltype(sum(hadamard(relu(W * x), relu(W * x)))), H>, binary<add_op, H, H>>);
// W2 h + W3 h: h's adjoint is W2ᵀ z + W3ᵀ z.
namespace {
using W2t = param_leaf<"W2", 2, 2>;
using W3t = param_leaf<"W3", 2, 2>;
constexpr W2t W2{};
constexpr W3t W3{};
using H2 = unary<relu_op, matmul<param_leaf<"U", 2, 3>, X>>;
constexpr auto h2 = relu(param<"U", 2, 3> * x);
}  // namespace
static_assert(std::is_same_v<grad_t<decltype(readout(W2 * h2 + W3 * h2)), H2>,
                             binary<add_op, matmul<transpose_node<W2t>, Z>, matmul<transpose_node<W3t>, Z>>>);

// grad(loss, wrt(...))[P] is grad(loss, P).
static_assert(std::is_same_v<decltype(grad(readout(W * x + b), wrt(W, b))[W]), decltype(grad(readout(W * x + b), W))>);
static_assert(std::is_same_v<decltype(grad(readout(W * x + b), wrt(W, b))[b]), decltype(grad(readout(W * x + b), b))>);

// ---- to_string of gradients --------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(simple_gradients_print_as_the_math) {
    BOOST_TEST(to_string(grad(sum(W * x), W)) == "1 * xᵀ");
    BOOST_TEST(to_string(grad(readout(W * x), W)) == "z * xᵀ");
    BOOST_TEST(to_string(grad(readout(relu(W * x)), W)) == "(z ⊙ [relu(W * x) > 0]) * xᵀ");
    BOOST_TEST(to_string(grad(readout(-(W * x)), W)) == "-z * xᵀ");
    BOOST_TEST(to_string(grad(readout(W * x + b), b)) == "rowsum(z)");
    BOOST_TEST(to_string(grad(readout(W * x + u * x), u)) == "colsum(z) * xᵀ");
    BOOST_TEST(to_string(grad(readout(W * x + s), s)) == "sum(z)");
    BOOST_TEST(to_string(grad(sum_sq(W), W)) == "2 ⊙ W");
    BOOST_TEST(to_string(grad(mean(W * x), W)) == "(1 / 2N) * xᵀ");
    BOOST_TEST(to_string(grad(sum(hadamard(transpose(x) * T, transpose(z))), T)) == "x * zᵀ");
    BOOST_TEST(to_string(grad(readout(transpose(T) * x), T)) == "(z * xᵀ)ᵀ");
}

BOOST_AUTO_TEST_CASE(elementwise_rules_print_as_the_math) {
    BOOST_TEST(to_string(grad(readout(W * x / (V * x)), V)) == "-((z ⊙ ((W * x) / (V * x))) / (V * x)) * xᵀ");
    BOOST_TEST(to_string(grad(readout(max(W * x, V * x)), W)) == "(z ⊙ [W * x ≥ V * x]) * xᵀ");
    BOOST_TEST(to_string(grad(readout(max(W * x, V * x)), V)) == "(z ⊙ [W * x < V * x]) * xᵀ");
    BOOST_TEST(to_string(grad_t<decltype(readout(sigmoid(W * x))), WX>{}) == "z ⊙ (sigmoid(W * x) ⊙ (1 - sigmoid(W * x)))");
    BOOST_TEST(to_string(grad_t<decltype(readout(tanh(W * x))), WX>{}) == "z ⊙ (1 - square(tanh(W * x)))");
    BOOST_TEST(to_string(grad_t<decltype(readout(exp(W * x))), WX>{}) == "z ⊙ exp(W * x)");
    BOOST_TEST(to_string(grad_t<decltype(readout(square(W * x))), WX>{}) == "z ⊙ (2 ⊙ (W * x))");
    BOOST_TEST(to_string(grad_t<decltype(readout(log(sigmoid(W * x)))), Sg>{}) == "z / sigmoid(W * x)");
    BOOST_TEST(to_string(grad_t<decltype(readout(elu(W * x))), WX>{}) == "z ⊙ elu_slope(elu(W * x))");
    BOOST_TEST(to_string(grad_t<decltype(readout(leaky_relu(W * x))), WX>{}) == "z ⊙ leaky_slope(leaky_relu(W * x))");
    BOOST_TEST(to_string(grad_t<decltype(readout(softmax(W * x))), WX>{}) ==
               "softmax(W * x) ⊙ (z - colsum(z ⊙ softmax(W * x)))");
    BOOST_TEST(to_string(grad(softmax_cross_entropy(W * x, y), W)) == "((softmax(W * x) - y) / N) * xᵀ");
}

BOOST_AUTO_TEST_CASE(branches_print_as_sums) {
    BOOST_TEST(to_string(grad(sum(hadamard(relu(W * x), relu(W * x))), W)) ==
               "((relu(W * x) + relu(W * x)) ⊙ [relu(W * x) > 0]) * xᵀ");
    BOOST_TEST(to_string(grad_t<decltype(readout(W2 * h2 + W3 * h2)), H2>{}) == "W2ᵀ * z + W3ᵀ * z");
}

BOOST_AUTO_TEST_CASE(two_layer_net_with_l2_as_in_the_readme) {
    constexpr auto x5 = input<"x", 5>;
    constexpr auto y3 = input<"y", 3>;
    constexpr auto W1 = param<"W1", 4, 5>;
    constexpr auto b1 = param<"b1", 4>;
    constexpr auto W2_ = param<"W2", 3, 4>;
    constexpr auto b2 = param<"b2", 3>;
    constexpr auto scores = W2_ * relu(W1 * x5 + b1) + b2;
    constexpr auto loss = softmax_cross_entropy(scores, y3) + 1e-4_c * (sum_sq(W1) + sum_sq(W2_));
    BOOST_TEST(to_string(scores) == "W2 * relu(W1 * x + b1) + b2");
    const auto g = grad(loss, wrt(W1, b1, W2_, b2));
    BOOST_TEST(to_string(g[W2_]) == "((softmax(W2 * relu(W1 * x + b1) + b2) - y) / N) * relu(W1 * x + b1)ᵀ + 2e-04 ⊙ W2");
    BOOST_TEST(to_string(g[b2]) == "rowsum((softmax(W2 * relu(W1 * x + b1) + b2) - y) / N)");
    BOOST_TEST(to_string(g[W1]) ==
               "((W2ᵀ * ((softmax(W2 * relu(W1 * x + b1) + b2) - y) / N)) ⊙ [relu(W1 * x + b1) > 0]) * xᵀ + 2e-04 ⊙ W1");
    BOOST_TEST(to_string(g[b1]) ==
               "rowsum((W2ᵀ * ((softmax(W2 * relu(W1 * x + b1) + b2) - y) / N)) ⊙ [relu(W1 * x + b1) > 0])");
}
