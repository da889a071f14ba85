// The simplifying constructors (expr/make.hpp) every operator and every backward rule uses:
// 0 + e → e, 1 ⊙ e → e, (Aᵀ)ᵀ → A, constant ⊙ constant → constant, --e → e, and friends.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

#include <type_traits>

using namespace exprnet;
using namespace exprnet::literals;

namespace {
using X = input_leaf<"x", 3>;
using Wt = param_leaf<"W", 2, 3>;
using Vt = param_leaf<"V", 3, 2>;
using st = param_leaf<"s", 1, 1>;
constexpr X x{};
constexpr Wt W{};
constexpr Vt V{};
constexpr st s{};
using WX = matmul<Wt, X>;

template <long long N, long long D = 1>
using c = std::remove_cvref_t<decltype(ratio_c<N, D>)>;

template <class A, class B>
constexpr bool same = std::is_same_v<std::remove_cvref_t<A>, std::remove_cvref_t<B>>;
}  // namespace

// Additive identities.
static_assert(same<decltype(0_c + W), Wt>);
static_assert(same<decltype(W + 0_c), Wt>);
static_assert(same<decltype(W * x + 0_c), WX>);
static_assert(same<decltype(W - 0_c), Wt>);
static_assert(same<decltype(0_c - W), unary<neg_op, Wt>>);
static_assert(same<decltype(W + zero_leaf<2, 3>{}), Wt>);
// Multiplicative identities and zeros.
static_assert(same<decltype(1_c * W), Wt>);
static_assert(same<decltype(W * 1_c), Wt>);
static_assert(same<decltype(hadamard(1_c, W * x)), WX>);
static_assert(same<decltype(W / 1_c), Wt>);
static_assert(same<decltype(0_c * W), zero_leaf<2, 3>>);
static_assert(same<decltype(hadamard(W * x, 0_c)), zero_leaf<2, batch_dim>>);
static_assert(same<decltype(0_c / W), broadcast<c<0>, 2, 3>>);  // the zero numerator, kept as it came
static_assert(same<decltype(zero_leaf<2, 3>{} * V), zero_leaf<2, 2>>);  // a product with a zero block
static_assert(same<decltype(W * zero_leaf<3, 1>{}), zero_leaf<2, 1>>);
// Constants fold, and go to the left of a product.
static_assert(same<decltype(2_c * 3_c), c<6>>);
static_assert(same<decltype(2_c + 3_c), c<5>>);
static_assert(same<decltype(2_c - 3_c), c<-1>>);
static_assert(same<decltype(3_c / 2_c), c<3, 2>>);
static_assert(same<decltype(W * 2_c), binary<mul_op, broadcast<c<2>, 2, 3>, Wt>>);
static_assert(same<decltype(W * 2_c), decltype(2_c * W)>);
static_assert(same<decltype(2_c * (3_c * W)), decltype(6_c * W)>);
static_assert(same<decltype((W * 3_c) * 2_c), decltype(6_c * W)>);
// ... but a division by a constant stays a division (it is not rewritten as a product).
static_assert(same<decltype(W / 2_c), binary<div_op, Wt, broadcast<c<2>, 2, 3>>>);
// A division by a constant zero is not folded (it would be a constant inf or nan).
static_assert(!is_constant_v<std::remove_cvref_t<decltype(1_c / 0_c)>>);
// Negation.
static_assert(same<decltype(-(-W)), Wt>);
static_assert(same<decltype(-(-(-W))), unary<neg_op, Wt>>);
static_assert(same<decltype(-2_c), c<-2>>);
static_assert(same<decltype(-(2_c * W)), unary<neg_op, binary<mul_op, broadcast<c<2>, 2, 3>, Wt>>>);
// Transposes.
static_assert(same<decltype(transpose(transpose(W))), Wt>);
static_assert(same<decltype(transpose(transpose(W * x))), WX>);
static_assert(same<decltype(transpose(s)), st>);        // a 1x1 is its own transpose
static_assert(same<decltype(transpose(2_c)), c<2>>);
static_assert(same<decltype(transpose(zero_leaf<2, 3>{})), zero_leaf<3, 2>>);
// Sums.
static_assert(same<decltype(sum(s)), st>);              // the sum of a 1x1 is itself
static_assert(same<decltype(sum(zero_leaf<2, 3>{})), zero_leaf<1, 1>>);
static_assert(same<decltype(sum(W)), sum_all<Wt>>);
// What does not simplify.
static_assert(same<decltype(W + W), binary<add_op, Wt, Wt>>);
static_assert(same<decltype(W - W), binary<sub_op, Wt, Wt>>);
static_assert(same<decltype(hadamard(W, W)), binary<mul_op, Wt, Wt>>);

BOOST_AUTO_TEST_CASE(simplified_forms_print) {
    BOOST_TEST(to_string(W * 2_c) == "2 ⊙ W");
    BOOST_TEST(to_string(2_c * (3_c * W)) == "6 ⊙ W");
    BOOST_TEST(to_string(0_c - W) == "-W");
    BOOST_TEST(to_string(transpose(transpose(W)) + 0_c) == "W");
    BOOST_TEST(to_string(0_c * W) == "0");
}
