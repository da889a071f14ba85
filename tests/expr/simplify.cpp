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
// Constant factors over a count (the batch N, or the elements of a mean) fold too: a count
// leaf's rows cancel against a whole-number numerator, and (c1 / n) ⊙ (c2 ⊙ e) is
// ((c1·c2) / n) ⊙ e, which is how mse's gradient (1 / 2N) ⊙ (2 ⊙ (p - t)) becomes (1 / N) ⊙ (p - t).
using N2 = count_leaf<2, batch_dim>;
using N1 = count_leaf<1, batch_dim>;
static_assert(same<decltype(2_c / N2{}), binary<div_op, c<1>, N1>>);
static_assert(same<decltype(6_c / count_leaf<4, batch_dim>{}), binary<div_op, c<3>, N2>>);
static_assert(same<decltype(1_c / N2{}), binary<div_op, c<1>, N2>>);    // 1 / 2N stays
static_assert(same<decltype(0.5_c / N2{}), binary<div_op, c<1, 2>, N2>>);  // so does a fraction
static_assert(same<decltype(W / N2{}), binary<div_op, Wt, broadcast<N2, 2, 3>>>);
static_assert(same<decltype(hadamard(1_c / N2{}, 2_c * (W * x))), binary<mul_op, broadcast<binary<div_op, c<1>, N1>, 2, batch_dim>, WX>>);
static_assert(same<decltype(hadamard(2_c * (W * x), 3_c / N1{})), decltype(hadamard(6_c / N1{}, W * x))>);
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
