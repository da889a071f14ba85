// CS231n's (a) sigmoid neuron sigmoid(w * x + b), w 1x3, in double: at CS231n's circuit (values
// known in closed form) and on a batch under mse, against the same neuron written by hand
// (support/small_nets_checks.hpp). The other networks: networks.*.{float,double}.cpp, one
// network and scalar per file, because each program costs seconds of compile time.
#include <boost/test/unit_test.hpp>

#include "support/small_nets_checks.hpp"

BOOST_AUTO_TEST_CASE(sigmoid_neuron_double) { small_nets::check_neuron<double>(); }
