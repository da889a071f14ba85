// Binding data to a one-row input: `t = tb` with tb a 1×N row vector, which Eigen stores
// row-major (Matrix<float, 1, N>, RowVectorXf). It is contiguous and must be accepted; the
// contiguity check used to compare outerStride() with rows() and aborted. Also accepted: a
// block of leading columns of a column-major matrix (contiguous too).
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

using namespace exprnet;

namespace {
constexpr auto x = input<"x", 2>;
constexpr auto t = input<"t", 1>;
constexpr auto w = param<"w", 1, 2>;
constexpr auto loss = mse(w * x, t);
}  // namespace

BOOST_AUTO_TEST_CASE(row_vector_labels) {
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    p[w] << 1.0f, 2.0f;
    Eigen::Matrix<float, 2, 3> xb;
    xb << 1, 0, 1,  //
        0, 1, 1;
    static_assert(Eigen::Matrix<float, 1, 3>::IsRowMajor);
    const Eigen::Matrix<float, 1, 3> fixed_row(1.0f, 1.0f, 1.0f);  // w x = [1, 2, 3]
    const Eigen::RowVectorXf dynamic_row = fixed_row;
    auto train = compile<batch<3>>(loss, wrt(w));
    // mean((w x - t)^2) = (0 + 1 + 4) / 3
    BOOST_TEST(train(p, g, x = xb, t = fixed_row) == 5.0f / 3.0f, boost::test_tools::tolerance(1e-6f));
    BOOST_TEST(train(p, g, x = xb, t = dynamic_row) == 5.0f / 3.0f, boost::test_tools::tolerance(1e-6f));
    // dL/dw = 2/3 (w x - t) xᵀ = 2/3 [0, 1, 2] xᵀ = 2/3 [2, 3]
    BOOST_TEST(g[w](0, 0) == 4.0f / 3.0f, boost::test_tools::tolerance(1e-6f));
    BOOST_TEST(g[w](0, 1) == 2.0f, boost::test_tools::tolerance(1e-6f));
}

BOOST_AUTO_TEST_CASE(leading_columns_of_a_matrix) {
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    p[w] << 1.0f, 2.0f;
    Eigen::Matrix<float, 2, 5> wide;
    wide << 1, 0, 1, 9, 9,  //
        0, 1, 1, 9, 9;
    const Eigen::RowVectorXf tb = Eigen::RowVectorXf::Ones(5);
    auto train = compile<batch<3>>(loss, wrt(w));
    BOOST_TEST(train(p, g, x = wide.leftCols<3>(), t = tb.head<3>()) == 5.0f / 3.0f, boost::test_tools::tolerance(1e-6f));
}
