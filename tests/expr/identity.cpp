// Identity is structure (graph/topo.hpp): the same subexpression written twice is the same
// type, so it is one node of the graph; equal constants are one type however they are
// written; max(0, e) is relu(e).
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

#include <type_traits>

using namespace exprnet;
using namespace exprnet::literals;

namespace {
constexpr auto x = input<"x", 3>;
constexpr auto W = param<"W", 4, 3>;
constexpr auto b = param<"b", 4>;

template <class A, class B>
constexpr bool same = std::is_same_v<std::remove_cvref_t<A>, std::remove_cvref_t<B>>;
}  // namespace

// The same subexpression, written twice, is one type.
static_assert(same<decltype(relu(W * x + b)), decltype(relu(W * x + b))>);
static_assert(same<decltype(W), decltype(param<"W", 4, 3>)>);
static_assert(same<decltype(x), decltype(input<"x", 3>)>);
// ... and different ones are not: another name, another shape, another op, another order.
static_assert(!same<decltype(W), decltype(param<"V", 4, 3>)>);
static_assert(!same<decltype(W), decltype(param<"W", 4, 2>)>);
static_assert(!same<decltype(relu(W * x)), decltype(sigmoid(W * x))>);
static_assert(!same<decltype(W * x + b), decltype(b + W * x)>);
static_assert(!same<decltype(param<"b", 4>), decltype(input<"b", 4>)>);

// max(0, e) and max(e, 0) are relu(e), whatever way the zero is written.
static_assert(same<decltype(max(0_c, W * x)), decltype(relu(W * x))>);
static_assert(same<decltype(max(W * x, 0_c)), decltype(relu(W * x))>);
static_assert(same<decltype(max(0.0_c, W * x)), decltype(relu(W * x))>);
static_assert(same<decltype(max(ratio_c<0>, W * x)), decltype(relu(W * x))>);
static_assert(!same<decltype(max(0.5_c, W * x)), decltype(relu(W * x))>);

// A constant's value is its type: literals and ratios agree (the _c parser rounds correctly).
static_assert(same<decltype(0.5_c), decltype(ratio_c<1, 2>)>);
static_assert(same<decltype(0.01_c), decltype(ratio_c<1, 100>)>);
static_assert(same<decltype(0.1_c), decltype(ratio_c<1, 10>)>);
static_assert(same<decltype(0.3_c), decltype(ratio_c<3, 10>)>);
static_assert(same<decltype(1e-4_c), decltype(ratio_c<1, 10000>)>);
static_assert(same<decltype(2_c), decltype(2.0_c)>);
static_assert(same<decltype(2_c), decltype(ratio_c<4, 2>)>);
static_assert(decltype(0.1_c)::value == 0.1);
static_assert(decltype(1e-4_c)::value == 1e-4);
static_assert(decltype(2.5e-7_c)::value == 2.5e-7);
static_assert(decltype(3.14159_c)::value == 3.14159);
static_assert(decltype(1'000_c)::value == 1000.0);

// leaky_relu's default slope is 0.01: the same node as an explicit 0.01.
static_assert(same<decltype(leaky_relu(W * x)), decltype(leaky_relu(W * x, 0.01_c))>);
static_assert(!same<decltype(leaky_relu(W * x)), decltype(leaky_relu(W * x, 0.2_c))>);

// Capture policy: nodes are empty values, a subexpression can be kept in a variable.
static_assert(std::is_empty_v<std::remove_cvref_t<decltype(softmax_cross_entropy(W * x + b, input<"y", 4>))>>);
static_assert(expression<decltype(W * x)>);
static_assert(!expression<int>);

BOOST_AUTO_TEST_CASE(constants_print_their_shortest_form) {
    BOOST_TEST(to_string(0.1_c * W) == "0.1 ⊙ W");
    BOOST_TEST(to_string(1e-4_c * W) == "1e-04 ⊙ W");  // shortest: 1e-04 beats 0.0001
    BOOST_TEST(to_string(ratio_c<1, 3> * W) == "0.3333333333333333 ⊙ W");
    BOOST_TEST(to_string(max(0_c, W * x + b)) == "relu(W * x + b)");
}
