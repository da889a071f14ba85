// The planner's decisions (eval/plan.hpp), as static_asserts on program::structure: which
// nodes get a buffer (materialised) and which fuse into their consumer, that shared nodes are
// one node and one step, where gradients live. Nodes are found by type in program::nodes
// (detail::index_of_v). A few run-time checks cover gradients with no buffer of their own
// (leaves, views, a node shared by two gradients), which the program copies into the arena.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

#include <type_traits>

using namespace exprnet;
using namespace exprnet::literals;

namespace {

template <class T>
using node_t = std::remove_cvref_t<T>;

/// Index of a node (given as an expression value) in a program's node list.
template <class Program, class E>
constexpr int index_in(E) {
    static_assert(detail::contains_v<node_t<E>, typename Program::nodes>, "not a node of this program");
    return int(detail::index_of_v<node_t<E>, typename Program::nodes>);
}
template <class Program, class E>
constexpr bool materialised(E e) {
    return Program::structure.materialised[std::size_t(index_in<Program>(e))];
}
template <class Program, class E>
constexpr int uses(E e) {
    return Program::structure.uses[std::size_t(index_in<Program>(e))];
}
/// How many steps compute this node (0: fused or a leaf/view; 1: computed once).
template <class Program, class E>
constexpr int steps_computing(E e) {
    int count = 0;
    for (int s = 0; s < Program::structure.step_count; ++s) count += Program::structure.steps[std::size_t(s)] == index_in<Program>(e);
    return count;
}
/// How many times a type occurs in a type list.
template <class T, class List>
struct occurrences;
template <class T, class... Ts>
struct occurrences<T, detail::type_list<Ts...>> : std::integral_constant<int, (int(std::is_same_v<T, Ts>) + ... + 0)> {};

template <class Program, node_kind Kind>
constexpr bool every_node_of_kind_materialised(bool expected) {
    for (std::size_t i = 0; i < Program::plan::size; ++i)
        if (Program::plan::rows[i].kind == Kind && Program::structure.materialised[i] != expected) return false;
    return true;
}
template <class Program>
constexpr bool every_product_materialised() {
    for (std::size_t i = 0; i < Program::plan::size; ++i)
        if (Program::plan::rows[i].is_matmul && !Program::structure.materialised[i]) return false;
    return true;
}

constexpr auto x = input<"x", 784>;
constexpr auto y = input<"y", 10>;
constexpr auto W1 = param<"W1", 100, 784>;
constexpr auto b1 = param<"b1", 100>;
constexpr auto W2 = param<"W2", 10, 100>;
constexpr auto b2 = param<"b2", 10>;
constexpr auto W1x = W1 * x;
constexpr auto z1 = W1x + b1;
constexpr auto h = relu(z1);
constexpr auto W2h = W2 * h;
constexpr auto scores = W2h + b2;
constexpr auto p = softmax(scores);
constexpr auto loss = softmax_cross_entropy(scores, y);
constexpr auto l2_loss = loss + 1e-4_c * (sum_sq(W1) + sum_sq(W2));

using train_t = decltype(compile<batch<64>>(loss, wrt(W1, b1, W2, b2)));
using l2_train_t = decltype(compile<batch<64>>(l2_loss, wrt(W1, b1, W2, b2)));
using infer_t = decltype(compile<batch<64>>(scores));

// ---- training: products in memory; relu in memory, the bias add fused into it ----------------
static_assert(every_product_materialised<train_t>());
static_assert(materialised<train_t>(W1x) && materialised<train_t>(W2h));
// relu(W1 x + b1) is read by W2 * h, by the mask [h > 0] of its own backward, and (through the
// view hᵀ) by dW2 = G hᵀ: three uses, one buffer.
static_assert(materialised<train_t>(h));
static_assert(uses<train_t>(h) == 3);
// W1 x + b1 has one reader (relu) and is elementwise: fused into relu's step.
static_assert(!materialised<train_t>(z1));
static_assert(uses<train_t>(z1) == 1);
static_assert(steps_computing<train_t>(z1) == 0);
// scores are read by the loss and by softmax(scores) of the backward: one buffer.
static_assert(materialised<train_t>(scores));
// Leaves are maps and views (broadcasts, transposes) are lazy: never buffers.
static_assert(every_node_of_kind_materialised<train_t, node_kind::leaf>(false));
static_assert(every_node_of_kind_materialised<train_t, node_kind::view>(false));
// Kernels (products, reductions, softmax, the loss) always are.
static_assert(every_node_of_kind_materialised<train_t, node_kind::kernel>(true));

// ---- shared subexpressions: one node, one step -------------------------------------------------
// softmax(scores) is needed by dW2 = G hᵀ and by dh = W2ᵀ G (through G = (p - y) / N): it is
// one node of the program, computed by one step; so are h, scores and the forward products.
static_assert(occurrences<node_t<decltype(p)>, train_t::nodes>::value == 1);
static_assert(steps_computing<train_t>(p) == 1);
static_assert(steps_computing<train_t>(h) == 1);
static_assert(steps_computing<train_t>(scores) == 1);
static_assert(steps_computing<train_t>(W1x) == 1);
// Writing a subexpression twice gives the same node: h + h has one h, used twice, in memory.
constexpr auto twice = relu(W1 * x + b1) + relu(W1 * x + b1);
static_assert(std::is_same_v<node_t<decltype(twice)>, binary<add_op, node_t<decltype(h)>, node_t<decltype(h)>>>);
using twice_t = decltype(compile<batch<64>>(twice));
static_assert(occurrences<node_t<decltype(h)>, twice_t::nodes>::value == 1);
static_assert(uses<twice_t>(h) == 2);
static_assert(materialised<twice_t>(h));
static_assert(steps_computing<twice_t>(h) == 1);
static_assert(twice_t::step_count == 3);  // W1 x, h, h + h

// ---- gradients go straight to the arena --------------------------------------------------------
// Without regulariser, dW1 = dz xᵀ and dW2 = G hᵀ are products, written into their arena slots
// (grad_slot = their position in wrt(W1, b1, W2, b2), 1-based), not into the workspace.
constexpr auto dW1 = grad(loss, W1);
constexpr auto db1 = grad(loss, b1);
constexpr auto dW2 = grad(loss, W2);
constexpr auto db2 = grad(loss, b2);
static_assert(is_matmul_v<node_t<decltype(dW1)>> && is_matmul_v<node_t<decltype(dW2)>>);
static_assert(train_t::structure.grad_slot[std::size_t(index_in<train_t>(dW1))] == 1);
static_assert(train_t::structure.grad_slot[std::size_t(index_in<train_t>(db1))] == 2);
static_assert(train_t::structure.grad_slot[std::size_t(index_in<train_t>(dW2))] == 3);
static_assert(train_t::structure.grad_slot[std::size_t(index_in<train_t>(db2))] == 4);
static_assert(train_t::structure.offset[std::size_t(index_in<train_t>(dW1))] == -1);  // no workspace
static_assert(materialised<train_t>(dW1) && materialised<train_t>(db2));
// With L2, dW1 = dz xᵀ + 2e-4 W1: the sum goes to the arena, the product dz xᵀ (read by it)
// gets a workspace buffer, and 2e-4 W1 fuses into the sum.
constexpr auto l2_dW1 = grad(l2_loss, W1);
using l2_dW1_t = node_t<decltype(l2_dW1)>;
static_assert(std::is_same_v<typename l2_dW1_t::op, add_op>);
using dz_xT = detail::at_t<0, typename l2_dW1_t::children>;
using reg_W1 = detail::at_t<1, typename l2_dW1_t::children>;
static_assert(std::is_same_v<dz_xT, node_t<decltype(dW1)>>);  // the same product as without L2
static_assert(l2_train_t::structure.grad_slot[std::size_t(index_in<l2_train_t>(l2_dW1))] == 1);
static_assert(materialised<l2_train_t>(dz_xT{}));
static_assert(l2_train_t::structure.offset[std::size_t(index_in<l2_train_t>(dz_xT{}))] >= 0);
static_assert(!materialised<l2_train_t>(reg_W1{}));

// ---- forward only ------------------------------------------------------------------------------
// W2 relu(W1 x + b1) + b2: the output is materialised (it is what the call returns); the
// elementwise W1 x + b1 fuses into relu; relu itself is in memory because the product W2 * h
// reads its operand many times (needs_stored_operands). Steps: W1 x, h, W2 h, output.
static_assert(materialised<infer_t>(scores));
static_assert(!materialised<infer_t>(z1));
static_assert(materialised<infer_t>(h));
static_assert(uses<infer_t>(h) == 1);  // in memory for the product, not for sharing
static_assert(every_product_materialised<infer_t>());
static_assert(infer_t::step_count == 4);
static_assert(infer_t::structure.steps[0] == index_in<infer_t>(W1x));
static_assert(infer_t::structure.steps[3] == index_in<infer_t>(scores));
// The three-layer net on batches of 5: its products are so small (4x4 by 4x5) that they are
// lazy, coefficient-based products, which fuse into their consumer like elementwise nodes: each
// layer, product, bias add and sigmoid, is one step. Each sigmoid is in memory because the
// next product reads it many times.
constexpr auto x3 = input<"x", 3>;
constexpr auto V1 = param<"W1", 4, 3>;
constexpr auto c1 = param<"b1", 4>;
constexpr auto V2 = param<"W2", 4, 4>;
constexpr auto c2 = param<"b2", 4>;
constexpr auto V3 = param<"W3", 1, 4>;
constexpr auto c3 = param<"b3", 1>;
constexpr auto a1 = sigmoid(V1 * x3 + c1);
constexpr auto a2 = sigmoid(V2 * a1 + c2);
constexpr auto out = V3 * a2 + c3;
using three_t = decltype(compile<batch<5>>(out));
static_assert(three_t::step_count == 3);  // a1, a2, out
static_assert(!materialised<three_t>(V1 * x3) && !materialised<three_t>(V3 * a2));
static_assert(!materialised<three_t>(V1 * x3 + c1) && !materialised<three_t>(V2 * a1 + c2));
static_assert(materialised<three_t>(a1) && materialised<three_t>(a2) && materialised<three_t>(out));
// One layer, no product after it: relu(W1 x + b1) is the output, the add fuses: two steps.
using layer_t = decltype(compile<batch<64>>(h));
static_assert(layer_t::step_count == 2);
static_assert(!materialised<layer_t>(z1));

// ---- gradients with no buffer of their own ------------------------------------------------------
constexpr auto A = param<"A", 3, 4>;
constexpr auto B = param<"B", 3, 4>;
// d/dA sum(A ⊙ B) = B and d/dB = A: leaves, copied into the arena.
constexpr auto dot = sum(hadamard(A, B));
using dot_t = decltype(compile(dot, wrt(A, B)));
static_assert(std::is_same_v<grad_t<node_t<decltype(dot)>, node_t<decltype(A)>>, node_t<decltype(B)>>);
static_assert(dot_t::structure.grad_slot[std::size_t(index_in<dot_t>(B))] == -1);
static_assert(!materialised<dot_t>(B));
// d/dA sum(A) = a broadcast 1 (a view), copied into the arena.
constexpr auto total = sum(A);
using total_t = decltype(compile(total, wrt(A)));
static_assert(node_kind_v<grad_t<node_t<decltype(total)>, node_t<decltype(A)>>> == node_kind::view);
// d/dA sum(square(A + B)) = d/dB = 2 ⊙ (A + B): one node, read by two gradients, so it gets a
// workspace buffer of its own and is copied into both slots (a slot is home only to a gradient
// nothing else reads, so that an in-place SGD update cannot change what another reads).
constexpr auto both = sum(square(A + B));
using both_t = decltype(compile(both, wrt(A, B)));
using both_grad = grad_t<node_t<decltype(both)>, node_t<decltype(A)>>;
static_assert(std::is_same_v<both_grad, grad_t<node_t<decltype(both)>, node_t<decltype(B)>>>);
static_assert(both_t::structure.grad_slot[detail::index_of_v<both_grad, both_t::nodes>] == -1);
static_assert(both_t::structure.materialised[detail::index_of_v<both_grad, both_t::nodes>]);

}  // namespace

BOOST_AUTO_TEST_CASE(gradients_without_a_buffer_are_copied) {
    params_for<decltype(both)> pa;
    grads_for<decltype(both)> g;
    pa[A] = Eigen::VectorXf::LinSpaced(12, 1.0f, 12.0f).reshaped(3, 4);
    pa[B] = Eigen::Matrix<float, 3, 4>::Constant(0.5f);
    const Eigen::Matrix<float, 3, 4> a = pa[A], b = pa[B];

    g.flat().setConstant(-7.0f);
    auto dot_program = compile(dot, wrt(A, B));
    BOOST_TEST(dot_program(pa, g) == (a.array() * b.array()).sum(), boost::test_tools::tolerance(1e-6f));
    BOOST_TEST((g[A] == b));  // dA = B
    BOOST_TEST((g[B] == a));  // dB = A

    g.flat().setConstant(-7.0f);
    auto total_program = compile(total, wrt(A));
    BOOST_TEST(total_program(pa, g) == a.sum(), boost::test_tools::tolerance(1e-6f));
    BOOST_TEST((g[A] == Eigen::Matrix<float, 3, 4>::Ones()));

    g.flat().setConstant(-7.0f);
    auto both_program = compile(both, wrt(A, B));
    BOOST_TEST(both_program(pa, g) == (a + b).squaredNorm(), boost::test_tools::tolerance(1e-6f));
    const Eigen::Matrix<float, 3, 4> expected = 2.0f * (a + b);
    BOOST_TEST((g[A] == expected));
    BOOST_TEST((g[B] == expected));
}
