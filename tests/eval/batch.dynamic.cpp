// dynamic_batch forward programs against fixed-batch ones: for 1, 3 and 8 columns the output
// equals that of batch<1>, batch<3> and batch<8>, whatever the order of the calls: a larger
// batch after a smaller one (the workspace is re-planned and reallocated), a smaller one after
// a larger (the workspace is kept), and after reserve(). In double.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

#include "support/reference_nets.hpp"

using namespace exprnet;
using reference::rel_err;
using reference::wide;

namespace {

constexpr auto x = input<"x", 12>;
constexpr auto W1 = param<"W1", 10, 12>;
constexpr auto b1 = param<"b1", 10>;
constexpr auto W2 = param<"W2", 5, 10>;
constexpr auto b2 = param<"b2", 5>;
constexpr auto scores = W2 * relu(W1 * x + b1) + b2;

using S = double;
using opt = scalar_type<S>;
constexpr double tol = 1e-12;

struct fixture {
    reference::rng r{77};
    params_for<decltype(scores), S> p;
    reference::matrix_of<S> xb = reference::random<S>(12, 8, r, 2.0);
    decltype(compile<batch<1>, opt>(scores)) fixed1;
    decltype(compile<batch<3>, opt>(scores)) fixed3;
    decltype(compile<batch<8>, opt>(scores)) fixed8;
    fixture() {
        p.for_each([&](auto, auto m) { reference::fill(m, r); });
    }

    /// The fixed-batch result for the first k columns.
    reference::mat expected(int k) {
        const reference::matrix_of<S> xk = xb.leftCols(k);
        if (k == 1) return wide(fixed1(p, x = xk));
        if (k == 3) return wide(fixed3(p, x = xk));
        return wide(fixed8(p, x = xk));
    }

    /// Runs the dynamic program on the first k columns and compares.
    template <class Program>
    void check(Program& dyn, int k) {
        const reference::matrix_of<S> xk = xb.leftCols(k);
        const auto out = dyn(p, x = xk);
        BOOST_TEST_CONTEXT(k << " columns") {
            BOOST_TEST(out.rows() == 5);
            BOOST_TEST(out.cols() == k);
            BOOST_TEST(rel_err(wide(out), expected(k)) <= tol);
        }
    }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(growing_then_shrinking, fixture) {
    auto dyn = compile<dynamic_batch, opt>(scores);
    static_assert(decltype(dyn)::dynamic);
    BOOST_TEST(dyn.capacity() == 0);
    check(dyn, 1);
    BOOST_TEST(dyn.capacity() == 1);
    check(dyn, 3);  // larger: reallocates
    BOOST_TEST(dyn.capacity() == 3);
    check(dyn, 8);
    BOOST_TEST(dyn.capacity() == 8);
    check(dyn, 1);  // smaller: keeps the workspace
    check(dyn, 3);
    BOOST_TEST(dyn.capacity() == 8);
}

BOOST_FIXTURE_TEST_CASE(largest_first, fixture) {
    auto dyn = compile<dynamic_batch, opt>(scores);
    check(dyn, 8);
    check(dyn, 3);
    check(dyn, 1);
    check(dyn, 8);
    BOOST_TEST(dyn.capacity() == 8);
}

BOOST_FIXTURE_TEST_CASE(after_reserve, fixture) {
    auto dyn = compile<dynamic_batch, opt>(scores);
    dyn.reserve(3);
    BOOST_TEST(dyn.capacity() == 3);
    check(dyn, 3);
    check(dyn, 1);
    BOOST_TEST(dyn.capacity() == 3);
    dyn.reserve(2);  // never shrinks
    BOOST_TEST(dyn.capacity() == 3);
    check(dyn, 8);
    BOOST_TEST(dyn.capacity() == 8);
}

BOOST_FIXTURE_TEST_CASE(copies_are_independent, fixture) {
    auto dyn = compile<dynamic_batch, opt>(scores);
    check(dyn, 3);
    auto copy = dyn;  // owns its own workspace
    check(copy, 8);
    check(dyn, 3);
    BOOST_TEST(dyn.capacity() == 3);
    BOOST_TEST(copy.capacity() == 8);
}
