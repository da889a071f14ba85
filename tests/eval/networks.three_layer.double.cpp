// CS231n's (c) the three-layer forward pass with sigmoid, h1 = sigmoid(W1 * x + b1) (4x3),
// h2 = sigmoid(W2 * h1 + b2) (4x4), out = W3 * h2 + b3 (1x4), and its backward under mse,
// in double, against the same network written by hand (support/small_nets_checks.hpp).
#include <boost/test/unit_test.hpp>

#include "support/small_nets_checks.hpp"

BOOST_AUTO_TEST_CASE(three_layer_double) { small_nets::check_three_layer<double>(); }
