// CS231n's two-layer net W2 * relu(W1 * x) on CIFAR-sized input (3072 -> 100 -> 10) with
// softmax cross-entropy, in float: forward scores, loss, dW1 and dW2 against the same net
// written by hand with dynamic Eigen matrices (support/two_layer_checks.hpp).
#include <boost/test/unit_test.hpp>

#include "support/two_layer_checks.hpp"

BOOST_AUTO_TEST_CASE(two_layer_float) { two_layer_checks::check_plain<float>(); }
