// Finite-difference law for the activations added with ops/op_def.hpp's facets (issue 14),
// part 1, the smooth ones: softplus (G ⊙ sigmoid(x)), log_sigmoid (G ⊙ σ(-x), issue 15), silu (G ⊙ σ(x) ⊙ (1 + x ⊙ (1 - σ(x))))
// and gelu in the tanh form (G ⊙ 0.5 (1 + t + x (1 - t²) √(2/π) (1 + 3 · 0.044715 x²))), all
// from their input. Batch 1 and batch 3. Part 2, the ones that route (abs, hard_tanh, min):
// activation.new.routes.cpp; prelu: activation.new.prelu.cpp; the routing at the kinks
// themselves: activation.new.kinks.cpp.
#include <boost/test/unit_test.hpp>

#include "support/gradcheck.hpp"

using namespace exprnet;
using exprnet_test::law;

namespace {
constexpr auto x = input<"x", 3>;
constexpr auto z = input<"z", 4>;
constexpr auto W = param<"W", 4, 3>;
constexpr auto b = param<"b", 4>;

template <class E>
constexpr auto readout(E e) {
    return sum(hadamard(e, z));
}
}  // namespace

BOOST_AUTO_TEST_CASE(softplus_activation) {
    constexpr auto loss = readout(softplus(W * x + b));
    BOOST_TEST(law<1>(loss, wrt(W, b)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, b)) < 1e-6);
}

// log_sigmoid (issue 15): G ⊙ σ(-x), from its input.
BOOST_AUTO_TEST_CASE(log_sigmoid_activation) {
    constexpr auto loss = readout(log_sigmoid(W * x + b));
    BOOST_TEST(law<1>(loss, wrt(W, b)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, b)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(silu_activation) {
    constexpr auto loss = readout(silu(W * x + b));
    BOOST_TEST(law<1>(loss, wrt(W, b)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, b)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(gelu_activation) {
    constexpr auto loss = readout(gelu(W * x + b));
    BOOST_TEST(law<1>(loss, wrt(W, b)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, b)) < 1e-6);
}
