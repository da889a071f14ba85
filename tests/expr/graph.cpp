// Whole-graph analyses (graph/topo.hpp): nodes_of_t lists every distinct node once, children
// before parents; params_of_t and inputs_of_t in order of appearance; depends_on_v; symbol
// name checks. A shared subexpression is one node, however often it is written.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

#include <type_traits>

using namespace exprnet;
using namespace exprnet::literals;

namespace {
using X = input_leaf<"x", 5>;
using Y = input_leaf<"y", 3>;
using W1t = param_leaf<"W1", 4, 5>;
using b1t = param_leaf<"b1", 4, 1>;
using W2t = param_leaf<"W2", 3, 4>;
using b2t = param_leaf<"b2", 3, 1>;
constexpr X x{};
constexpr Y y{};
constexpr W1t W1{};
constexpr b1t b1{};
constexpr W2t W2{};
constexpr b2t b2{};

constexpr auto hidden = relu(W1 * x + b1);
constexpr auto scores = W2 * hidden + b2;
constexpr auto loss = softmax_cross_entropy(scores, y) + 1e-4_c * (sum_sq(W1) + sum_sq(W2));
using Scores = std::remove_cvref_t<decltype(scores)>;
using Loss = std::remove_cvref_t<decltype(loss)>;

template <class E>
using t = std::remove_cvref_t<E>;
using detail::type_list;
}  // namespace

// nodes_of_t: post-order. scores = W2 relu(W1 x + b1) + b2 has 12 nodes:
//   W2, W1, x, W1 x, b1, bcast(b1), W1 x + b1, relu, W2 relu, b2, bcast(b2), scores.
static_assert(nodes_of_t<Scores>::size == 12);
static_assert(std::is_same_v<detail::at_t<0, nodes_of_t<Scores>>, W2t>);
static_assert(std::is_same_v<detail::at_t<3, nodes_of_t<Scores>>, matmul<W1t, X>>);
static_assert(std::is_same_v<detail::at_t<7, nodes_of_t<Scores>>, t<decltype(hidden)>>);
static_assert(std::is_same_v<detail::at_t<11, nodes_of_t<Scores>>, Scores>);  // the root last
// The loss adds y, the CE node, the constant, square and sum for each W, two adds and a product:
// W1 and W2 are reused, not added again.
static_assert(nodes_of_t<Loss>::size == 12 + 10);
// Children come before parents, everywhere.
template <class Nodes>
struct topological;
template <class... Ns>
struct topological<type_list<Ns...>> {
    template <class N, class... Cs>
    static constexpr bool children_first(type_list<Cs...>) {
        return ((detail::index_of_v<Cs, type_list<Ns...>> < detail::index_of_v<N, type_list<Ns...>>) && ...);
    }
    static constexpr bool value = (children_first<Ns>(typename Ns::children{}) && ...);
};
static_assert(topological<nodes_of_t<Loss>>::value);
static_assert(topological<nodes_of_t<Loss, grad_t<Loss, W1t>, grad_t<Loss, b1t>>>::value);

// params_of_t / inputs_of_t, in order of appearance in the post-order (W2 is met first).
static_assert(std::is_same_v<params_of_t<Scores>, type_list<W2t, W1t, b1t, b2t>>);
static_assert(std::is_same_v<params_of_t<Loss>, type_list<W2t, W1t, b1t, b2t>>);
static_assert(std::is_same_v<inputs_of_t<Scores>, type_list<X>>);
static_assert(std::is_same_v<inputs_of_t<Loss>, type_list<X, Y>>);
static_assert(std::is_same_v<params_of_t<t<decltype(sum(x))>>, type_list<>>);
// ... also when the expression is a single leaf held in a constexpr variable (a const type).
static_assert(std::is_same_v<params_of_t<decltype(W1)>, type_list<W1t>>);
static_assert(params_for<decltype(W1)>::count == 1);

// A subexpression written twice is one node.
static_assert(nodes_of_t<t<decltype(relu(W1 * x) + relu(W1 * x))>>::size == 5);  // W1, x, W1 x, relu, +
static_assert(nodes_of_t<t<decltype(hadamard(W1 * x, W1 * x))>>::size == 4);
static_assert(params_of_t<t<decltype(sum(hadamard(W1, W1)) + sum(W1))>>::size == 1);
// Several roots share their nodes (what a training program plans: the loss and its gradients).
static_assert(nodes_of_t<Scores, Scores>::size == 12);
static_assert(nodes_of_t<Scores, t<decltype(hidden)>>::size == 12);

// depends_on_v and has_params_v.
static_assert(depends_on_v<Loss, W1t>);
static_assert(depends_on_v<Loss, Y>);
static_assert(!depends_on_v<Scores, Y>);
static_assert(!depends_on_v<Scores, param_leaf<"W1", 5, 4>>);  // same name, other shape: another node
static_assert(has_params_v<Scores>);
static_assert(!has_params_v<X>);
static_assert(!has_params_v<t<decltype(2_c * x)>>);

// Symbol names: distinct in a well-formed expression.
static_assert(check_symbol_names<Loss>());

BOOST_AUTO_TEST_CASE(arena_layout_follows_params_of) {
    using P = params_for<Loss>;
    BOOST_TEST(P::count == 4u);
    BOOST_TEST(P::parameter_count == std::size_t(3 * 4 + 4 * 5 + 4 + 3));
    BOOST_TEST(P::offset_of<W2t>() == 0u);
    BOOST_TEST(P::offset_of<W1t>() == padded_size(12));
}
