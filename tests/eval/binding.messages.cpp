// The run-time checks of a call (sizes only the run time knows) name the input and both sizes.
// EXPRNET_ASSERT throws its message here (support/throwing_assert.hpp), so that the test can read it.
#include "support/throwing_assert.hpp"  // first: it defines EXPRNET_ASSERT

#include <boost/test/unit_test.hpp>

#include <exprnet/embedded.hpp>  // not the umbrella: nn/'s noexcept functions would make the throwing assert terminate

using namespace exprnet;
using throwing_assert::message_of;

namespace {

constexpr auto x = input<"x", 3>;
constexpr auto t = input<"t", 1>;
constexpr auto W = param<"W", 1, 3>;
constexpr auto loss = mse(W * x, t);

}  // namespace

BOOST_AUTO_TEST_CASE(rows) {
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    auto train = compile<batch<4>>(loss, wrt(W));
    const Eigen::MatrixXf xb = Eigen::MatrixXf::Zero(4, 4);
    const Eigen::RowVectorXf tb = Eigen::RowVectorXf::Zero(4);
    BOOST_TEST(message_of([&] { train(p, g, x = xb, t = tb); }) ==
               "exprnet: program call: input \"x\" has 3 rows, but the matrix bound to it is 4 x 4. Fix: bind one "
               "row per input value.");
}

BOOST_AUTO_TEST_CASE(columns_against_the_batch) {
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    auto train = compile<batch<4>>(loss, wrt(W));
    const Eigen::MatrixXf xb = Eigen::MatrixXf::Zero(3, 5);
    const Eigen::RowVectorXf tb = Eigen::RowVectorXf::Zero(4);
    BOOST_TEST(message_of([&] { train(p, g, x = xb, t = tb); }) ==
               "exprnet: program call: the program was compiled for batch<4>, so input \"x\" needs 3 x 4 data, but "
               "the matrix bound to it is 3 x 5. Fix: bind exactly 4 columns, or compile with dynamic_batch.");
    const Eigen::MatrixXf xb4 = Eigen::MatrixXf::Zero(3, 4);
    BOOST_TEST(message_of([&] { train(p, g, x = xb4, t = tb); }) == "");
}

BOOST_AUTO_TEST_CASE(columns_between_inputs) {
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    auto train = compile<dynamic_batch>(loss, wrt(W));
    const Eigen::MatrixXf xb = Eigen::MatrixXf::Zero(3, 4);
    const Eigen::RowVectorXf tb = Eigen::RowVectorXf::Zero(6);
    // The first input of the program (x, in the order of the expression) sets the batch.
    BOOST_TEST(message_of([&] { train(p, g, x = xb, t = tb); }) ==
               "exprnet: program call: all inputs must have the same number of columns (one per sample): input "
               "\"x\" is bound to 3 x 4 data, but input \"t\" to 1 x 6.");
}

BOOST_AUTO_TEST_CASE(layout) {
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    auto train = compile<batch<4>>(loss, wrt(W));
    const Eigen::MatrixXf tall = Eigen::MatrixXf::Zero(5, 4);
    const Eigen::RowVectorXf tb = Eigen::RowVectorXf::Zero(4);
    // A block of rows of a matrix of run-time size: its stride is known only when called.
    BOOST_TEST(message_of([&] { train(p, g, x = tall.topRows(3), t = tb); }) ==
               "exprnet: program call: the matrix bound to input \"x\" (3 x 4) is not stored column by column: its "
               "row stride is 1 and its column stride 5 (need 1 and 3). Fix: bind whole columns of a column-major "
               "matrix (X.middleCols(j, n)), or copy it once into one.");
    const Eigen::MatrixXf exact = Eigen::MatrixXf::Zero(3, 4);
    BOOST_TEST(message_of([&] { train(p, g, x = exact.topRows(3), t = tb); }) == "");
}

// 0 columns is a call with no samples: stopped in every build, before the workspace is touched
// (a dynamic training call used to write through a null workspace, or return NaN after reserve).
BOOST_AUTO_TEST_CASE(zero_columns) {
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    const Eigen::MatrixXf xb(3, 0);
    const Eigen::RowVectorXf tb(0);
    const std::string expected =
        "exprnet: program call: input \"x\" is bound to 3 x 0 data: a call needs at least one sample (column). Fix: "
        "skip empty batches before the call (if (xb.cols() > 0) ...).";
    auto train = compile<dynamic_batch>(loss, wrt(W));
    BOOST_TEST(message_of([&] { train(p, g, x = xb, t = tb); }) == expected);  // nothing reserved
    BOOST_TEST(message_of([&] { train(p, sgd{0.1f}, x = xb, t = tb); }) == expected);
    train.reserve(8);
    BOOST_TEST(message_of([&] { train(p, g, x = xb, t = tb); }) == expected);
    auto forward = compile<dynamic_batch>(W * x);
    BOOST_TEST(message_of([&] { (void)forward(p, x = xb); }) == expected);

    // Fixed-batch programs: 0 columns is a wrong batch, named as such.
    auto fixed = compile<batch<4>>(loss, wrt(W));
    BOOST_TEST(message_of([&] { fixed(p, g, x = xb, t = tb); }).find("compiled for batch<4>") != std::string::npos);

    // And the program still works after the refused calls (the guard was released).
    const Eigen::MatrixXf x1 = Eigen::MatrixXf::Ones(3, 1);
    const Eigen::RowVectorXf t1 = Eigen::RowVectorXf::Ones(1);
    BOOST_TEST(message_of([&] { train(p, g, x = x1, t = t1); }) == "");
}
