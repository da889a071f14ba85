// Misuse of *kind* that the API rejects through overload constraints: operations take
// expressions, a slope must be a compile-time constant, only inputs can be bound to data,
// programs are called the way they were compiled. These are SFINAE-visible (a requires-
// expression sees them). Misuses rejected by a catalogued static_assert instead — a run-time
// number in an expression, shape mismatches, wrt(input) — are compile-fail tests (tests/fail/).
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

#include <string>

using namespace exprnet;
using namespace exprnet::literals;

namespace {
using X = input_leaf<"x", 3>;
using Wt = param_leaf<"W", 2, 3>;
using st = param_leaf<"s", 1, 1>;
using Half = decltype(0.5_c);
constexpr X x{};
constexpr Wt W{};
struct not_an_expression {};

template <class A, class B>
concept can_multiply = requires(A a, B b) { a * b; };
template <class A, class B>
concept can_add = requires(A a, B b) { a + b; };
template <class A, class B>
concept can_hadamard = requires(A a, B b) { exprnet::hadamard(a, b); };
template <class A, class B>
concept can_max = requires(A a, B b) { exprnet::max(a, b); };
template <class A>
concept can_relu = requires(A a) { exprnet::relu(a); };
template <class A>
concept can_sum = requires(A a) { exprnet::sum(a); };
template <class A>
concept can_transpose = requires(A a) { exprnet::transpose(a); };
template <class A, class S>
concept can_leaky = requires(A a, S slope) { exprnet::leaky_relu(a, slope); };
template <class S, class Y>
concept can_cross_entropy = requires(S s, Y y) { exprnet::softmax_cross_entropy(s, y); };
template <class... Ps>
concept can_wrt = requires(Ps... ps) { exprnet::wrt(ps...); };
template <class L, class P>
concept can_grad = requires(L l, P p) { exprnet::grad(l, p); };
template <class E>
concept can_compile = requires(E e) { exprnet::compile(e); };
template <class Program, class... Args>
concept can_call = requires(Program program, Args&... args) { program(args...); };
template <class Program>
concept can_reserve = requires(Program program) { program.reserve(8); };
template <class Leaf, class M>
concept can_bind = requires(Leaf leaf, const M& m) { leaf = m; };
}  // namespace

// Operations take expressions: other class types are not candidates at all.
static_assert(can_multiply<Wt, X>);
static_assert(!can_multiply<Wt, std::string>);
static_assert(!can_multiply<not_an_expression, X>);
static_assert(!can_multiply<Wt, Eigen::MatrixXf>);
static_assert(!can_add<Wt, not_an_expression>);
static_assert(!can_add<Eigen::MatrixXf, Wt>);
static_assert(!can_hadamard<Wt, float>);  // hadamard and max have no overload for numbers at all
static_assert(!can_max<Wt, int>);
static_assert(!can_relu<double>);
static_assert(!can_relu<Eigen::MatrixXf>);
static_assert(!can_sum<float>);
static_assert(!can_transpose<int>);
static_assert(!can_cross_entropy<Wt, int>);
static_assert(!can_compile<double>);
static_assert(!can_grad<double, Wt>);
static_assert(!can_grad<decltype(sum(W)), double>);
static_assert(!can_wrt<double>);
static_assert(!can_wrt<Wt, not_an_expression>);
// The operators for run-time numbers exist only to say "write 0.5_c" in a static_assert:
// they are candidates (so the sentence is the error), see tests/fail/runtime_number.cpp.
static_assert(can_multiply<float, X>);

// A leaky_relu slope is a compile-time constant node, not a number, not another expression.
static_assert(can_leaky<Wt, Half>);
static_assert(!can_leaky<Wt, double>);
static_assert(!can_leaky<Wt, Wt>);
static_assert(!can_leaky<Wt, st>);

// Only inputs are bound to data (x = matrix); params live in arenas.
static_assert(can_bind<X, Eigen::MatrixXf>);
static_assert(!can_bind<Wt, Eigen::MatrixXf>);

// Programs are called as compiled: a training program needs a gradient arena, a forward one
// needs at least a parameter arena; reserve() is for dynamic_batch only.
namespace {
constexpr auto loss = sum(hadamard(W * x, input<"z", 2>));
using Train = decltype(compile<batch<4>>(loss, wrt(W)));
using Infer = decltype(compile<batch<4>>(W * x));
using InferDynamic = decltype(compile<dynamic_batch>(W * x));
using P = params_for<decltype(loss)>;
using G = grads_for<decltype(loss)>;
}  // namespace
static_assert(can_call<Train, const P, G>);
static_assert(!can_call<Train, const P>);
static_assert(!can_call<Infer>);
static_assert(can_reserve<InferDynamic>);
static_assert(!can_reserve<Infer>);

BOOST_AUTO_TEST_CASE(rejections_are_compile_time) {
    BOOST_TEST(!can_relu<double>);
}
