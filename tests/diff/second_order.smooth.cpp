// Second-order laws (tests/support/second_order_check.hpp) for the smooth activations, whose
// backward rules are functions of their input or output with second derivatives of their own:
// sigmoid and tanh (from the output), softplus, silu, gelu, exp, log of a sigmoid, log_sigmoid
// and square.
#include <boost/test/unit_test.hpp>

#include "support/second_order_check.hpp"

using namespace exprnet;
using namespace exprnet::literals;
using namespace exprnet_test::nets;

BOOST_AUTO_TEST_CASE(sigmoid_layer) { check_classifier(sigmoid(W1 * x + b1)); }
BOOST_AUTO_TEST_CASE(tanh_layer) { check_classifier(tanh(W1 * x + b1)); }
BOOST_AUTO_TEST_CASE(softplus_layer) { check_classifier(softplus(W1 * x + b1)); }
BOOST_AUTO_TEST_CASE(silu_layer) { check_classifier(silu(W1 * x + b1)); }
BOOST_AUTO_TEST_CASE(gelu_layer) { check_classifier(gelu(W1 * x + b1)); }
BOOST_AUTO_TEST_CASE(exp_layer) { check_classifier(exp(0.5_c * (W1 * x + b1))); }
BOOST_AUTO_TEST_CASE(log_of_a_sigmoid_layer) { check_classifier(log(sigmoid(W1 * x + b1))); }
BOOST_AUTO_TEST_CASE(log_sigmoid_layer) { check_classifier(log_sigmoid(W1 * x + b1)); }
BOOST_AUTO_TEST_CASE(square_layer) { check_classifier(square(W1 * x + b1)); }
