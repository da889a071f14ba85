// No heap allocation in a data_parallel call (support/alloc_counter.hpp): the programs, the
// part arenas and the threads are made at construction; a call only hands work to the team.
#include "support/alloc_counter.hpp"  // first: it configures Eigen

#include <boost/test/unit_test.hpp>

#include <exprnet/eval/data_parallel.hpp>
#include <exprnet/exprnet.hpp>

#include "support/two_layer_784.hpp"

#include <memory>

using namespace exprnet;
using namespace two_layer_784;
using loss_t = std::remove_const_t<decltype(loss)>;

BOOST_AUTO_TEST_CASE(a_call_allocates_nothing) {
    auto train = parallel<2>(compile<batch<64>>(loss, wrt(W1, b1, W2, b2)));
    auto p = std::make_unique<params_for<loss_t>>();
    auto g = std::make_unique<grads_for<loss_t>>();
    p->flat().setConstant(0.01f);
    const Eigen::MatrixXf xs = Eigen::MatrixXf::Constant(784, 128, 0.5f);
    Eigen::MatrixXf ys = Eigen::MatrixXf::Zero(10, 128);
    ys.row(3).setOnes();
    train(*p, *g, x = xs, y = ys);  // first call outside the count
    const auto n = alloc_counter::count([&] {
        for (int k = 0; k < 5; ++k) train(*p, *g, x = xs, y = ys);
    });
    BOOST_TEST(n.operator_new == 0u);
    BOOST_TEST(n.eigen_malloc == 0u);
}
