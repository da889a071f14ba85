// The classify2d demo's other observation (examples/classify2d/): stronger L2 fits the
// training spirals worse. Hidden 20 at reg 0.001, 0.01 and 0.1; accuracy and loss recomputed
// from the trained weights (support/classify2d_fit.hpp).
#include <boost/test/unit_test.hpp>

#include "support/classify2d_fit.hpp"

using namespace exprnet::literals;
using namespace classify2d;
using classify2d_test::train_and_measure;

BOOST_AUTO_TEST_CASE(accuracy_falls_with_regularisation) {
    const spiral_data d = make_spiral(points_per_class, classes, 1);
    const auto weak = train_and_measure<20, 0.001_c>(d);
    const auto medium = train_and_measure<20, 0.01_c>(d);
    const auto strong = train_and_measure<20, 0.1_c>(d);
    BOOST_TEST_MESSAGE("hidden 20, training accuracy: reg 0.001 " << weak.accuracy << ", 0.01 " << medium.accuracy << ", 0.1 "
                                                                  << strong.accuracy);
    BOOST_TEST(weak.accuracy > medium.accuracy);
    BOOST_TEST(medium.accuracy > strong.accuracy);
    // At 0.1 the L2 term outweighs what any split of the spirals gains: the weights shrink to
    // (near) zero, every point gets the same scores, and the loss is that of uniform
    // probabilities, ln 3, and the accuracy that of one class, 1/3.
    BOOST_TEST(strong.loss == std::log(3.0), boost::test_tools::tolerance(1e-3));
    BOOST_TEST(strong.accuracy == 1.0 / 3.0, boost::test_tools::tolerance(1e-9));
}
