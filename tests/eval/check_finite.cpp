// compile<..., check_finite> (eval/check_finite.hpp): the first step whose result holds a NaN or
// an inf stops the call with a message naming the step as print(program) shows it, its pass and
// the place; without the option the same values pass silently. EXPRNET_ASSERT throws its message
// here (support/throwing_assert.hpp), so that the test can read it.
#include "support/throwing_assert.hpp"  // first: it defines EXPRNET_ASSERT

#include <boost/test/unit_test.hpp>

#include <exprnet/embedded.hpp>  // not the umbrella: nn/'s noexcept functions would make the throwing assert terminate
#include <exprnet/eval/check_finite.hpp>

#include <cmath>
#include <limits>

using namespace exprnet;
using throwing_assert::message_of;

namespace {

constexpr auto x = input<"x", 3>;
constexpr auto W1 = param<"W1", 4, 3>;
constexpr auto b1 = param<"b1", 4>;
constexpr auto W2 = param<"W2", 2, 4>;
constexpr auto b2 = param<"b2", 2>;


}  // namespace

// exp overflows in the second step, at one place: b2(1) = 100 makes row 1 of every column
// exp(100 + ...) = inf in float; W2 = 0, so only b2 matters, in every column (column 0 first).
BOOST_AUTO_TEST_CASE(a_forward_step_that_overflows) {
    constexpr auto out = exp(W2 * relu(W1 * x + b1) + b2);
    params_for<decltype(out)> p;
    p.flat().setZero();
    p[b2](1) = 100;
    const Eigen::MatrixXf xb = Eigen::MatrixXf::Ones(3, 5);

    auto checked = compile<batch<5>, check_finite>(out);
    BOOST_TEST(print(checked).find("  out = exp(W2 * t1 + b2);") != std::string::npos, print(checked));
    BOOST_TEST(message_of([&] { (void)checked(p, x = xb); }) ==
               "exprnet: check_finite: the forward pass produced inf at row 1, column 0 (from 0) in step 2 of 2: "
               "out = exp(W2 * t1 + b2);");

    auto unchecked = compile<batch<5>>(out);  // the same values, no check
    std::string silent = "not run";
    const float value = [&] {
        silent = message_of([&] { (void)unchecked(p, x = xb); });
        return unchecked(p, x = xb)(1, 3);
    }();
    BOOST_TEST(silent.empty());
    BOOST_TEST(std::isinf(value));

    p[b2](1) = 1;  // finite again: the checked program runs as usual
    BOOST_TEST(message_of([&] { (void)checked(p, x = xb); }).empty());
}

// A value finite in the forward pass whose gradient is not: log(v) of v = 1e-40 (a float
// subnormal) is -92.1, but its gradient 1 / v = 1e40 exceeds the float range.
BOOST_AUTO_TEST_CASE(a_backward_step_that_overflows) {
    constexpr auto v = input<"v", 1>;
    constexpr auto w = param<"w", 1>;
    constexpr auto loss = sum(log(hadamard(w, v)));
    params_for<decltype(loss)> p;
    p[w](0) = 1;
    grads_for<decltype(loss)> g;
    const Eigen::RowVectorXf vb = Eigen::RowVectorXf::Constant(2, 1e-40f);

    auto train = compile<batch<2>, check_finite>(loss, wrt(w));
    const std::string listing = print(train);
    const std::string m = message_of([&] { (void)train(p, g, v = vb); });
    BOOST_TEST_MESSAGE(m);
    BOOST_TEST(m.find("exprnet: check_finite: the backward pass produced inf at row 0, column 0 (from 0) in step ") == 0u, m);
    // The step named is in the listing, under "backward:".
    const std::string step = m.substr(m.find(": ", m.find(" in step ")) + 2);
    BOOST_TEST(listing.find("  " + step + "\n") > listing.find("backward:"), step << "\n" << listing);
    BOOST_TEST(listing.find("  " + step + "\n") != std::string::npos, step << "\n" << listing);

    auto unchecked = compile<batch<2>>(loss, wrt(w));
    BOOST_TEST(std::isfinite(unchecked(p, g, v = vb)));  // the loss is finite...
    BOOST_TEST(!std::isfinite(g[w](0)));                 // ...the gradient is not, silently
}

// A fused SGD step with an infinite weight stops at the first step that sees it.
BOOST_AUTO_TEST_CASE(an_sgd_step_that_writes_nan_into_a_param) {
    constexpr auto loss = mean(square(W2 * relu(W1 * x + b1) + b2));
    params_for<decltype(loss)> p;
    p.flat().setConstant(0.5f);
    p[W2](0, 0) = std::numeric_limits<float>::infinity();
    const Eigen::MatrixXf xb = Eigen::MatrixXf::Ones(3, 2);
    auto step = compile<batch<2>, check_finite>(loss, wrt(W1, b1, W2, b2));
    const std::string m = message_of([&] { (void)step(p, sgd{0.1f}, x = xb); });
    BOOST_TEST_MESSAGE(m);
    // inf · h is in the scores already: the forward pass stops it, before any update.
    BOOST_TEST(m.find("exprnet: check_finite: the forward pass produced inf at row 0, column 0 (from 0) in step ") == 0u, m);
    BOOST_TEST(p[W1](0, 0) == 0.5f);
}
