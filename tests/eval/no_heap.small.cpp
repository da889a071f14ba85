// No heap allocation when evaluating the small networks (counted as in no_heap.cpp: operator
// new replaced, Eigen's mallocs caught by EIGEN_RUNTIME_NO_MALLOC): the sigmoid neuron at one
// sample (double) and the three-layer sigmoid net (float), training programs (which include the
// forward pass). Their products are small enough for Eigen's fixed-size code. Maxout:
// no_heap.maxout.cpp (one file per few programs keeps compile times low).
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

BOOST_AUTO_TEST_CASE(sigmoid_neuron) {
    constexpr auto x = input<"x", 3>;
    constexpr auto w = param<"w", 1, 3>;
    constexpr auto b = param<"b", 1>;
    constexpr auto f = sum(sigmoid(w * x + b));
    params_for<decltype(f), double> p;
    grads_for<decltype(f), double> g;
    p[w] << 2, -3, 0.5;
    p[b](0, 0) = -4;
    const Eigen::Vector3d x1(-1, -2, 2);
    auto train = compile<scalar_type<double>>(f, wrt(w, b));
    check(train, p, g, x = x1);
}

BOOST_AUTO_TEST_CASE(three_layer) {
    constexpr auto x = input<"x", 3>;
    constexpr auto t = input<"t", 1>;
    constexpr auto W1 = param<"W1", 4, 3>;
    constexpr auto b1 = param<"b1", 4>;
    constexpr auto W2 = param<"W2", 4, 4>;
    constexpr auto b2 = param<"b2", 4>;
    constexpr auto W3 = param<"W3", 1, 4>;
    constexpr auto b3 = param<"b3", 1>;
    constexpr auto out = W3 * sigmoid(W2 * sigmoid(W1 * x + b1) + b2) + b3;
    constexpr auto loss = mse(out, t);
    reference::rng r(1);
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    p.for_each([&](auto, auto m) { reference::fill(m, r); });
    Eigen::Matrix<float, 3, 5> xb;
    Eigen::Matrix<float, 1, 5> tb;
    reference::fill(xb, r);
    reference::fill(tb, r);
    auto train = compile<batch<5>>(loss, wrt(W1, b1, W2, b2, W3, b3));
    check(train, p, g, x = xb, t = tb);
}
