// No heap allocation when evaluating the small networks (counted as in no_heap.cpp: operator
// new replaced, Eigen's mallocs caught by EIGEN_RUNTIME_NO_MALLOC): Maxout under a softmax
// classifier, training program in double (it includes the forward pass). See also
// no_heap.small.cpp.
#include "support/alloc_counter.hpp"  // first: it configures Eigen

#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

#include "support/reference_nets.hpp"

using namespace exprnet;
using namespace exprnet::literals;

namespace {

/// Calls the training program three times, counting each call.
template <class Program, class P, class G, class... Bindings>
void check(Program& train, const P& p, G& g, const Bindings&... bindings) {
    double L = 0;
    for (int call = 0; call < 3; ++call) {
        const auto c = alloc_counter::count([&] { L = train(p, g, bindings...); });
        BOOST_TEST_CONTEXT("call " << call) {
            BOOST_TEST(c.operator_new == 0u);
            BOOST_TEST(c.eigen_malloc == 0u);
        }
    }
    BOOST_TEST(L != 0.0);
}

}  // namespace

BOOST_AUTO_TEST_CASE(maxout) {
    constexpr auto x = input<"x", 6>;
    constexpr auto y = input<"y", 4>;
    constexpr auto W1 = param<"W1", 5, 6>;
    constexpr auto b1 = param<"b1", 5>;
    constexpr auto W2 = param<"W2", 5, 6>;
    constexpr auto b2 = param<"b2", 5>;
    constexpr auto W3 = param<"W3", 4, 5>;
    constexpr auto loss = softmax_cross_entropy(W3 * max(W1 * x + b1, W2 * x + b2), y);
    reference::rng r(2);
    params_for<decltype(loss), double> p;
    grads_for<decltype(loss), double> g;
    p.for_each([&](auto, auto m) { reference::fill(m, r); });
    Eigen::Matrix<double, 6, 7> xb;
    reference::fill(xb, r);
    const Eigen::MatrixXd yb = reference::one_hot<double>(4, 7, r);
    auto train = compile<batch<7>, scalar_type<double>>(loss, wrt(W1, b1, W2, b2, W3));
    check(train, p, g, x = xb, y = yb);
}
