// backward_dot on every loss (svm, softmax cross-entropy with L2, mse through sigmoid and tanh,
// softmax alone): the laws of support/dot_laws.hpp, which hold for any expression.
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
constexpr auto t = input<"t", 1>;
constexpr auto W1 = param<"W1", 5, 6>;
constexpr auto b1 = param<"b1", 5>;
constexpr auto W2 = param<"W2", 4, 5>;
constexpr auto b2 = param<"b2", 4>;
constexpr auto w = param<"w", 1, 4>;

}  // namespace

BOOST_AUTO_TEST_CASE(losses) {
    const auto s = W2 * relu(W1 * x + b1) + b2;
    check_laws(svm_loss(s, y), "svm", W1, b1, W2, b2);
    check_laws(softmax_cross_entropy(s, y) + 1e-3_c * (sum_sq(W1) + sum_sq(W2)), "ce_l2", W1, b1, W2, b2);
    check_laws(mse(w * sigmoid(W2 * tanh(W1 * x + b1) + b2), t), "mse_sigmoid_tanh", W1, b1, W2, b2, w);
    check_laws(sum(softmax(W2 * (W1 * x))), "softmax", W1, W2);  // softmax's own rule
}
