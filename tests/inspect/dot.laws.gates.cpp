// backward_dot through every gate (leaky relu, elu, exp, log, division, negation, square),
// Maxout, a branch, and a gradient that is a forward value: the laws of support/dot_laws.hpp.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/dot.hpp>

#include "support/dot_laws.hpp"

using namespace exprnet;
using namespace exprnet::literals;
using dot_laws::check_laws;

namespace {

constexpr auto x = input<"x", 6>;
constexpr auto y = input<"y", 4>;
constexpr auto W1 = param<"W1", 5, 6>;
constexpr auto b1 = param<"b1", 5>;
constexpr auto W2 = param<"W2", 4, 5>;
constexpr auto V = param<"V", 5, 6>;
constexpr auto W3 = param<"W3", 4, 5>;
constexpr auto w = param<"w", 1, 4>;

}  // namespace

BOOST_AUTO_TEST_CASE(gates_and_branches) {
    // leaky relu, elu, exp, log, division, negation, square.
    const auto odd = mean(hadamard(-leaky_relu(W1 * x, 0.2_c), elu(V * x)) / (exp(W1 * x) + 1_c)) + sum(log(square(V) + 1_c));
    check_laws(odd, "odd_gates", W1, V);
    // Maxout: max routes; x is read by both products.
    check_laws(softmax_cross_entropy(W2 * max(W1 * x + b1, V * x + b1), y), "maxout", W1, V, b1, W2);
    // h read by two products: its gradient is a branch sum.
    const auto h = relu(W1 * x);
    check_laws(softmax_cross_entropy(W2 * h + W3 * h, y), "branch", W1, W2, W3);
    // A gradient that is a forward value: d/dw sum(w ⊙ w2) is w2 (multiply swaps).
    constexpr auto w2 = param<"w2", 1, 4>;
    check_laws(sum(hadamard(w, w2)), "swap", w);
}
