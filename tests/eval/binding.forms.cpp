// What `x = data` accepts, beyond a column-major matrix: every form below gives the same
// results as the plain matrix holding the same numbers. Data stored column by column is read in
// place (blocks of whole columns, arrays, maps, Ref); other fixed-size data (a row-major matrix,
// a block of rows, a map with strides, a transpose, an expression such as Constant or X * 2) is
// evaluated once into the binding, on the stack: no heap allocation in the call. Data of
// run-time size that cannot be read in place is a compile-time error
// (tests/fail/binding_expression.cpp, tests/fail/binding_layout.cpp).
#include "support/alloc_counter.hpp"  // first: it configures Eigen

#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

#include <array>

using namespace exprnet;

namespace {

constexpr auto x = input<"x", 3>;
constexpr auto t = input<"t", 1>;
constexpr auto W = param<"W", 2, 3>;
constexpr auto v = param<"v", 1, 2>;
constexpr auto out = v * relu(W * x);
constexpr auto loss = mse(out, t);

struct fixture {
    params_for<decltype(loss)> p;
    Eigen::Matrix<float, 3, 4> X;  // the data every form holds
    Eigen::Matrix<float, 1, 4> T;
    fixture() {
        p[W] << 1, -2, 0.5f, -1, 1, 2;
        p[v] << 0.75f, -1.5f;
        X << 1, 2, 3, 4,  //
            -1, 0.5f, 2, -3,  //
            0.25f, -2, 1, 5;
        T << 1, -1, 2, 0.5f;
    }
};

/// The forward output, the loss and the gradient for data bound as `xb` and `tb`, in one call
/// each, with the heap allocations of each call (binding included).
template <class XB, class TB>
auto run(const fixture& f, const XB& xb, const TB& tb) {
    struct result {
        Eigen::Matrix<float, 1, 4> forward;
        float loss = 0;
        Eigen::Matrix<float, 2, 3> dW;
        std::size_t allocations = 0;
    } r;
    static auto infer = compile<batch<4>>(out);
    static auto train = compile<batch<4>>(loss, wrt(W, v));
    static grads_for<decltype(loss)> g;
    const auto a = alloc_counter::count([&] { r.forward = infer(f.p, x = xb); });
    const auto b = alloc_counter::count([&] { r.loss = train(f.p, g, x = xb, t = tb); });
    r.dW = g[W];
    r.allocations = a.operator_new + a.eigen_malloc + b.operator_new + b.eigen_malloc;
    return r;
}

template <class XB, class TB>
void same_as_plain(const fixture& f, const XB& xb, const TB& tb) {
    const auto want = run(f, f.X, f.T);
    const auto got = run(f, xb, tb);
    BOOST_TEST((got.forward == want.forward));
    BOOST_TEST(got.loss == want.loss);
    BOOST_TEST((got.dW == want.dW));
    BOOST_TEST(got.allocations == 0u);
}

}  // namespace

BOOST_AUTO_TEST_CASE(read_in_place) {
    const fixture f;
    // Whole columns of a wider matrix, fixed and dynamic.
    Eigen::Matrix<float, 3, 6> wide = Eigen::Matrix<float, 3, 6>::Zero();
    wide.middleCols<4>(1) = f.X;
    same_as_plain(f, wide.middleCols<4>(1), f.T);
    const Eigen::MatrixXf wide_dynamic = wide;
    same_as_plain(f, wide_dynamic.middleCols(1, 4), f.T);
    // An array, a map whose stride is known only at run time, a Ref.
    const Eigen::Array<float, 3, 4> array = f.X.array();
    same_as_plain(f, array, f.T);
    const Eigen::Map<const Eigen::Matrix<float, 3, 4>, 0, Eigen::OuterStride<>> strided(f.X.data(), Eigen::OuterStride<>(3));
    same_as_plain(f, strided, f.T);
    const Eigen::Ref<const Eigen::MatrixXf> ref = f.X;
    same_as_plain(f, ref, f.T);
    // Bound by reference, not copied.
    static_assert(std::is_same_v<decltype((x = wide_dynamic.middleCols(1, 4)).value), const Eigen::Block<const Eigen::MatrixXf, Eigen::Dynamic, Eigen::Dynamic, true>&>);
}

BOOST_AUTO_TEST_CASE(evaluated_into_the_binding) {
    const fixture f;
    // A row-major matrix.
    const Eigen::Matrix<float, 3, 4, Eigen::RowMajor> row_major = f.X;
    same_as_plain(f, row_major, f.T);
    // A block of rows, fixed size.
    Eigen::Matrix<float, 5, 4> tall = Eigen::Matrix<float, 5, 4>::Zero();
    tall.middleRows<3>(1) = f.X;
    same_as_plain(f, tall.middleRows<3>(1), f.T);
    // A map with a compile-time stride (three rows used out of five).
    std::array<float, 20> padded{};
    Eigen::Map<Eigen::Matrix<float, 3, 4>, 0, Eigen::OuterStride<5>>(padded.data()) = f.X;
    same_as_plain(f, Eigen::Map<const Eigen::Matrix<float, 3, 4>, 0, Eigen::OuterStride<5>>(padded.data()), f.T);
    // A transpose, expressions (the one the issue met: ::Random() is one too).
    const Eigen::Matrix<float, 4, 3> Xt = f.X.transpose();
    same_as_plain(f, Xt.transpose(), f.T);
    same_as_plain(f, (f.X * 2.0f) / 2.0f, f.T);
    same_as_plain(f, f.X, Eigen::Matrix<float, 1, 4>::Constant(0.0f) + f.T);
    // A row of a column-major matrix bound to a one-row input (its stride is the matrix's rows).
    Eigen::Matrix<float, 2, 4> two = Eigen::Matrix<float, 2, 4>::Zero();
    two.row(1) = f.T;
    same_as_plain(f, f.X, two.row(1));
    // What the binding holds: the evaluated data, column-major (a row vector is row-major).
    static_assert(std::is_same_v<decltype((x = row_major).value), Eigen::Matrix<float, 3, 4>>);
    static_assert(std::is_same_v<decltype((t = two.row(1)).value), Eigen::Matrix<float, 1, 4, Eigen::RowMajor>>);
    static_assert(std::is_same_v<decltype((x = Eigen::Matrix<float, 3, 4>::Random()).value), Eigen::Matrix<float, 3, 4>>);
}

BOOST_AUTO_TEST_CASE(random_expression) {
    // The call of the issue: a fixed-size ::Random() expression, evaluated once per binding.
    const fixture f;
    auto train = compile<batch<4>>(loss, wrt(W, v));
    grads_for<decltype(loss)> g;
    const auto xb = Eigen::Matrix<float, 3, 4>::Random();
    const float L = train(f.p, g, x = xb, t = f.T);
    BOOST_TEST(std::isfinite(L));
    BOOST_TEST(L >= 0.0f);
}
