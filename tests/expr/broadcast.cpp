// Broadcast insertion (expr/make.hpp): an elementwise operation whose operands differ in shape
// wraps the 1x1, Rx1 column or 1xC row operand in an explicit broadcast<A, R, C> node, on
// whichever side it is; constants become broadcast constants; equal shapes need nothing.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

#include <type_traits>

using namespace exprnet;
using namespace exprnet::literals;

namespace {
using X = input_leaf<"x", 3>;
using Wt = param_leaf<"W", 2, 3>;
using Mt = param_leaf<"M", 2, 3>;
using bt = param_leaf<"b", 2, 1>;
using rt = param_leaf<"r", 1, 3>;
using ut = param_leaf<"u", 1, 3>;
using st = param_leaf<"s", 1, 1>;
constexpr X x{};
constexpr Wt W{};
constexpr Mt M{};
constexpr bt b{};
constexpr rt r{};
constexpr ut u{};
constexpr st s{};
using WX = matmul<Wt, X>;
using UX = matmul<ut, X>;  // 1 x batch: a row

template <long long N, long long D = 1>
using c = std::remove_cvref_t<decltype(ratio_c<N, D>)>;

template <class A, class B>
constexpr bool same = std::is_same_v<std::remove_cvref_t<A>, std::remove_cvref_t<B>>;
}  // namespace

// A column over the batch, on either side and in every elementwise op.
static_assert(same<decltype(W * x + b), binary<add_op, WX, broadcast<bt, 2, batch_dim>>>);
static_assert(same<decltype(b + W * x), binary<add_op, broadcast<bt, 2, batch_dim>, WX>>);
static_assert(same<decltype(W * x - b), binary<sub_op, WX, broadcast<bt, 2, batch_dim>>>);
static_assert(same<decltype(hadamard(b, W * x)), binary<mul_op, broadcast<bt, 2, batch_dim>, WX>>);
static_assert(same<decltype((W * x) / b), binary<div_op, WX, broadcast<bt, 2, batch_dim>>>);
static_assert(same<decltype(max(W * x, b)), binary<max_op, WX, broadcast<bt, 2, batch_dim>>>);
// A column over fixed columns.
static_assert(same<decltype(M + b), binary<add_op, Mt, broadcast<bt, 2, 3>>>);
// A row over the rows: a fixed row, and a 1 x batch row.
static_assert(same<decltype(M + r), binary<add_op, Mt, broadcast<rt, 2, 3>>>);
static_assert(same<decltype(W * x + u * x), binary<add_op, WX, broadcast<UX, 2, batch_dim>>>);
// A scalar over everything; scaling by a 1x1 is the same broadcast product.
static_assert(same<decltype(M + s), binary<add_op, Mt, broadcast<st, 2, 3>>>);
static_assert(same<decltype(s * M), binary<mul_op, broadcast<st, 2, 3>, Mt>>);
static_assert(same<decltype((W * x) * s), binary<mul_op, WX, broadcast<st, 2, batch_dim>>>);
static_assert(same<decltype(W * x - mean(W * x)),
                   binary<sub_op, WX, broadcast<binary<div_op, sum_all<WX>, count_leaf<2, batch_dim>>, 2, batch_dim>>>);
// Constants are broadcast constants.
static_assert(same<decltype(M + 1_c), binary<add_op, Mt, broadcast<c<1>, 2, 3>>>);
static_assert(same<decltype(1_c - W * x), binary<sub_op, broadcast<c<1>, 2, batch_dim>, WX>>);
// Equal shapes: no broadcast; 1x1 with 1x1: none either.
static_assert(same<decltype(M + W), binary<add_op, Mt, Wt>>);
static_assert(same<decltype(s + sum(M)), binary<add_op, st, sum_all<Mt>>>);
// The mean of an R x batch operand divides by a count of R·N, broadcast-free (both 1x1).
static_assert(same<decltype(mean(W * x)), binary<div_op, sum_all<WX>, count_leaf<2, batch_dim>>>);
static_assert(same<decltype(mean(M)), binary<div_op, sum_all<Mt>, count_leaf<2, 3>>>);

// What broadcasts to what.
static_assert(detail::broadcasts_to_v<st, 2, 3>);
static_assert(detail::broadcasts_to_v<bt, 2, 3>);
static_assert(detail::broadcasts_to_v<rt, 2, 3>);
static_assert(!detail::broadcasts_to_v<bt, 3, 3>);   // a column of the wrong height
static_assert(!detail::broadcasts_to_v<rt, 2, 4>);   // a row of the wrong width
static_assert(!detail::broadcasts_to_v<Mt, 2, 6>);   // no tiling of whole matrices

BOOST_AUTO_TEST_CASE(broadcasts_are_implicit_when_printed) {
    BOOST_TEST(to_string(W * x + b) == "W * x + b");
    BOOST_TEST(to_string(s * M + 1_c) == "s ⊙ M + 1");
    BOOST_TEST(to_string(W * x - mean(W * x)) == "W * x - sum(W * x) / 2N");
}
