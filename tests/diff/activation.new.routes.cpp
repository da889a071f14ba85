// Finite-difference law for the activations added with ops/op_def.hpp's facets (issue 14),
// part 2, the ones that route: abs (G ⊙ sign(x)), hard_tanh (G ⊙ [|x| < 1]) and the
// elementwise min (G ⊙ [b ≥ a] to a, G ⊙ [b < a] to b). Batch 1 and batch 3. Part 1:
// activation.new.cpp; prelu: activation.new.prelu.cpp.
// Kinks (abs at 0, hard_tanh at ±1, min where a = b): as for relu in activation.cpp, the
// pre-activations are continuous random numbers (|W x + b| up to 4, so both sides of each kink
// are reached), one within h = 1e-6 of a kink has probability ~1e-6, and the seeds are fixed.
// What happens exactly at the kinks is checked in activation.new.kinks.cpp.
#include <boost/test/unit_test.hpp>

#include "support/gradcheck.hpp"

using namespace exprnet;
using exprnet_test::law;

namespace {
constexpr auto x = input<"x", 3>;
constexpr auto z = input<"z", 4>;
constexpr auto W = param<"W", 4, 3>;
constexpr auto b = param<"b", 4>;
constexpr auto V = param<"V", 4, 3>;
constexpr auto c = param<"c", 4>;

template <class E>
constexpr auto readout(E e) {
    return sum(hadamard(e, z));
}
}  // namespace

BOOST_AUTO_TEST_CASE(abs_function) {
    constexpr auto loss = readout(abs(W * x + b));
    BOOST_TEST(law<1>(loss, wrt(W, b)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, b)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(hard_tanh_activation) {
    constexpr auto loss = readout(hard_tanh(W * x + b));
    BOOST_TEST(law<1>(loss, wrt(W, b)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, b)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(elementwise_min) {
    // Both operands depend on params: the gradient reaches each through its own mask.
    constexpr auto loss = readout(min(W * x + b, V * x + c));
    BOOST_TEST(law<1>(loss, wrt(W, b, V, c)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, b, V, c)) < 1e-6);
}
