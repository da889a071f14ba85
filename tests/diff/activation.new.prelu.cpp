// Finite-difference law for prelu(x, a), the Parametric ReLU (He et al.; CS231n) added with
// ops/op_def.hpp's facets (issue 14), whose slope a is a param and is learned, one per unit
// (R×1) and one shared (1×1): dx = G ⊙ ([x > 0] + a ⊙ (1 - [x > 0])), and
// da = G ⊙ min(x, 0), summed over what a was broadcast over (the batch; and the units, when
// shared). Batch 1 and batch 3. The other new ops: activation.new.cpp and
// activation.new.routes.cpp.
// The kink at 0: as for relu in activation.cpp, the pre-activations are continuous random
// numbers (|W x + b| up to 4, so both sides are reached and da is not vacuously 0), one within
// h = 1e-6 of the kink has probability ~1e-6, and the seeds are fixed. The slope at 0 itself
// is checked in activation.new.kinks.cpp.
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

BOOST_AUTO_TEST_CASE(prelu_slope_per_unit) {
    constexpr auto a = param<"a", 4>;
    constexpr auto loss = readout(prelu(W * x + b, a));
    BOOST_TEST(law<1>(loss, wrt(W, b, a)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, b, a)) < 1e-6);
}

BOOST_AUTO_TEST_CASE(prelu_slope_shared) {
    constexpr auto a = param<"a", 1>;
    constexpr auto loss = readout(prelu(W * x + b, a));
    BOOST_TEST(law<1>(loss, wrt(W, b, a)) < 1e-6);
    BOOST_TEST(law<3>(loss, wrt(W, b, a)) < 1e-6);
}
