// Storage order per param (eval/layout.hpp): which params params_for stores row-major, and that
// a program computes the same outputs and gradients whatever the layout of its arenas (a
// row-major gradient slot is written by the transposed GEMM, dstᵀ = bᵀ aᵀ).
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

#include "support/reference_nets.hpp"

#include <memory>

using namespace exprnet;

namespace {

constexpr auto x = input<"x", 784>;
constexpr auto y = input<"y", 10>;
constexpr auto W1 = param<"W1", 100, 784>;
constexpr auto b1 = param<"b1", 100>;
constexpr auto W2 = param<"W2", 10, 100>;
constexpr auto b2 = param<"b2", 10>;
constexpr auto scores = W2 * relu(W1 * x + b1) + b2;
constexpr auto loss = softmax_cross_entropy(scores, y);
using E = decltype(loss);

// A matrix-vector-sized left factor (78,400 > the lazy-product limit): row-major, whatever the
// SIMD width. Vectors have one layout.
static_assert(params_for<E>::order_of<decltype(W1)> == Eigen::RowMajor);
static_assert(params_for<E>::order_of<decltype(b1)> == Eigen::ColMajor);
// Small left factors: row-major only when the output has fewer rows than a packet (2 rows:
// every SIMD width has more lanes), so each output is one vectorised dot product.
constexpr auto h = input<"h", 16>;
constexpr auto V = param<"V", 2, 16>;
constexpr auto U = param<"U", 16, 16>;
static_assert(params_for<decltype(V * h)>::order_of<decltype(V)> == Eigen::RowMajor);
static_assert(params_for<decltype(U * h)>::order_of<decltype(U)> == Eigen::ColMajor);
// A param that is never a left factor stays column-major.
constexpr auto R = param<"R", 16, 16>;
static_assert(params_for<decltype(hadamard(R, R))>::order_of<decltype(R)> == Eigen::ColMajor);
// The gradient arena mirrors the param arena.
static_assert(grads_for<E>::order_of<decltype(W1)> == Eigen::RowMajor);

// The same params with every matrix column-major.
using col_major_t = arena<params_of_t<E>, float, params_role>;
using col_major_grads_t = arena<params_of_t<E>, float, grads_role>;
static_assert(col_major_t::order_of<decltype(W1)> == Eigen::ColMajor);

template <class To, class From>
void copy_params(To& to, const From& from) {
    to[W1] = from[W1];
    to[b1] = from[b1];
    to[W2] = from[W2];
    to[b2] = from[b2];
}

}  // namespace

BOOST_AUTO_TEST_CASE(programs_agree_across_layouts) {
    reference::rng r(3);
    auto rows = std::make_unique<params_for<E>>();
    rows->for_each([&](auto, auto m) { reference::fill(m, r, 0.0625); });
    auto cols = std::make_unique<col_major_t>();
    copy_params(*cols, *rows);
    const auto xb = reference::random<float>(784, 32, r);
    const auto yb = reference::one_hot<float>(10, 32, r);

    // Forward: one sample (GEMV on each layout) and a batch (GEMM).
    auto one = compile(scores);
    const reference::mat one_rows = reference::wide(one(*rows, x = xb.col(0)));
    BOOST_TEST(reference::rel_err(reference::wide(one(*cols, x = xb.col(0))), one_rows) < 1e-6);
    auto many = compile<batch<32>>(scores);
    const reference::mat many_rows = reference::wide(many(*rows, x = xb));
    BOOST_TEST(reference::rel_err(reference::wide(many(*cols, x = xb)), many_rows) < 1e-6);

    // Gradients: dW1 = dz xᵀ lands in a row-major slot in one case, a column-major one in the other.
    auto train = compile<batch<32>>(loss, wrt(W1, b1, W2, b2));
    auto g_rows = std::make_unique<grads_for<E>>();
    auto g_cols = std::make_unique<col_major_grads_t>();
    const float l_rows = train(*rows, *g_rows, x = xb, y = yb);
    const float l_cols = train(*cols, *g_cols, x = xb, y = yb);
    BOOST_TEST(reference::rel_err(l_cols, l_rows) < 1e-6);
    BOOST_TEST(reference::rel_err(reference::wide((*g_cols)[W1]), reference::wide((*g_rows)[W1])) < 1e-5);
    BOOST_TEST(reference::rel_err(reference::wide((*g_cols)[W2]), reference::wide((*g_rows)[W2])) < 1e-5);
    BOOST_TEST(reference::rel_err(reference::wide((*g_cols)[b1]), reference::wide((*g_rows)[b1])) < 1e-5);

    // And both against the hand-written backward pass.
    reference::two_layer net;
    net.W1 = reference::wide((*rows)[W1]);
    net.W2 = reference::wide((*rows)[W2]);
    net.b1 = reference::wide((*rows)[b1]);
    net.b2 = reference::wide((*rows)[b2]);
    net.backward(reference::wide(xb), reference::wide(yb));
    BOOST_TEST(reference::rel_err(reference::wide((*g_rows)[W1]), net.dW1) < 1e-4);
    BOOST_TEST(reference::rel_err(double(l_rows), net.loss) < 1e-5);
}
