// Finite-difference law where the graph branches, i.e. where "gradients add at branches"
// (diff/grad.hpp): a node used twice, in one parent and in two parents, a subexpression
// written twice (one node), and a diamond (two paths from one node that meet again).
// Batch 1 and batch 3. (Params used twice and residual connections: branches.params.cpp.)
#include <boost/test/unit_test.hpp>

#include "support/gradcheck.hpp"

using namespace exprnet;
using namespace exprnet::literals;
using exprnet_test::law;

namespace {
constexpr auto x = input<"x", 3>;
constexpr auto z = input<"z", 2>;
constexpr auto W1 = param<"W1", 6, 3>;  // 6 hidden units: some are alive for every seed used here
constexpr auto W2 = param<"W2", 2, 6>;
constexpr auto W3 = param<"W3", 2, 6>;

template <class E>
constexpr auto readout(E e) {
    return sum(hadamard(e, z));
}
}  // namespace

BOOST_AUTO_TEST_CASE(node_used_twice_in_one_parent) {
    // h ⊙ h: both operand positions of one parent contribute (G ⊙ h twice).
    constexpr auto h = relu(W1 * x);
    constexpr auto loss = sum(hadamard(h, h));
    BOOST_TEST(law<1>(loss, wrt(W1)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W1)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(node_used_by_two_parents) {
    constexpr auto h = relu(W1 * x);
    constexpr auto loss = readout(W2 * h + W3 * h);
    BOOST_TEST(law<1>(loss, wrt(W1, W2, W3)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W1, W2, W3)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(same_subexpression_written_twice_is_one_node) {
    // relu(W1 x) + relu(W1 x) is one node added to itself: the adjoint doubles.
    constexpr auto loss = readout(W2 * (relu(W1 * x) + relu(W1 * x)));
    BOOST_TEST(law<1>(loss, wrt(W1, W2)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W1, W2)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(diamond) {
    // a = W1 x splits into relu(a) and tanh(a), which meet again in a Hadamard product.
    constexpr auto a = W1 * x;
    constexpr auto loss = readout(W2 * hadamard(relu(a), tanh(a)));
    BOOST_TEST(law<1>(loss, wrt(W1, W2)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W1, W2)) < 1e-6);
}
