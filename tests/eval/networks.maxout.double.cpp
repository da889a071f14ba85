// CS231n's (d) a Maxout layer max(W1 * x + b1, W2 * x + b2) under a softmax classifier:
// forward and all gradients,
// in double, against the same network written by hand (support/small_nets_checks.hpp).
#include <boost/test/unit_test.hpp>

#include "support/small_nets_checks.hpp"

BOOST_AUTO_TEST_CASE(maxout_double) { small_nets::check_maxout<double>(); }
