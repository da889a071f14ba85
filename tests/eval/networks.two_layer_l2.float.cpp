// CS231n's two-layer net with biases and L2 regularisation, in float:
//   loss = softmax_cross_entropy(W2 * relu(W1 * x + b1) + b2, y) + 1e-3 (sum_sq(W1) + sum_sq(W2))
// forward scores, loss and all four gradients against the same net written by hand
// (support/two_layer_checks.hpp).
#include <boost/test/unit_test.hpp>

#include "support/two_layer_checks.hpp"

BOOST_AUTO_TEST_CASE(two_layer_biases_l2_float) { two_layer_checks::check_biases_and_l2<float>(); }
