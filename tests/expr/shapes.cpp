// Shapes of every expression (core/shape.hpp): rows and cols, the batch as the symbolic column
// count batch_dim (-1), products chaining, transposes swapping, reductions and losses 1x1.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

using namespace exprnet;
using namespace exprnet::literals;

namespace {
constexpr auto x = input<"x", 3>;
constexpr auto y = input<"y", 4>;
constexpr auto W = param<"W", 4, 3>;
constexpr auto b = param<"b", 4>;
constexpr auto M = param<"M", 4, 3>;
constexpr auto u = param<"u", 1, 4>;
constexpr auto s = param<"s", 1, 1>;

template <class E, int R, int C>
constexpr bool shape_is = std::remove_cvref_t<E>::rows == R && std::remove_cvref_t<E>::cols == C;
}  // namespace

// Leaves: a param is R x C (a column by default); an input is R x batch; constants are 1x1.
static_assert(shape_is<decltype(W), 4, 3>);
static_assert(shape_is<decltype(b), 4, 1>);
static_assert(shape_is<decltype(x), 3, batch_dim>);
static_assert(shape_is<decltype(0.5_c), 1, 1>);
static_assert(shape_is<decltype(ratio_c<1, 3>), 1, 1>);
static_assert(batch_dim == -1);

// Products chain; the batch stays in the columns.
static_assert(shape_is<decltype(W * x), 4, batch_dim>);
static_assert(shape_is<decltype(u * (W * x)), 1, batch_dim>);
static_assert(shape_is<decltype(u * M), 1, 3>);
static_assert(shape_is<decltype(b * u), 4, 4>);  // an outer product: 4x1 times 1x4
// ... or sit in the rows, or disappear into the inner dimension.
static_assert(shape_is<decltype(transpose(x)), batch_dim, 3>);
static_assert(shape_is<decltype(transpose(x) * transpose(W)), batch_dim, 4>);
static_assert(shape_is<decltype((W * x) * transpose(x)), 4, 3>);
// Scaling by a 1x1 keeps the other operand's shape, on either side.
static_assert(shape_is<decltype(s * M), 4, 3>);
static_assert(shape_is<decltype((W * x) * s), 4, batch_dim>);
static_assert(shape_is<decltype(2_c * x), 3, batch_dim>);

// Elementwise operations keep the shape, broadcasting the smaller operand.
static_assert(shape_is<decltype(W * x + b), 4, batch_dim>);
static_assert(shape_is<decltype(b + W * x), 4, batch_dim>);
static_assert(shape_is<decltype(W * x - s), 4, batch_dim>);
static_assert(shape_is<decltype(hadamard(u * (W * x), W * x)), 4, batch_dim>);
static_assert(shape_is<decltype((W * x) / (u * (W * x))), 4, batch_dim>);
static_assert(shape_is<decltype(max(M, s)), 4, 3>);
static_assert(shape_is<decltype(-M), 4, 3>);
static_assert(shape_is<decltype(relu(W * x)), 4, batch_dim>);
static_assert(shape_is<decltype(leaky_relu(M, 0.2_c)), 4, 3>);
static_assert(shape_is<decltype(sigmoid(x)), 3, batch_dim>);
static_assert(shape_is<decltype(tanh(x)), 3, batch_dim>);
static_assert(shape_is<decltype(elu(x)), 3, batch_dim>);
static_assert(shape_is<decltype(exp(M)), 4, 3>);
static_assert(shape_is<decltype(log(M)), 4, 3>);
static_assert(shape_is<decltype(square(M)), 4, 3>);
static_assert(shape_is<decltype(softmax(W * x)), 4, batch_dim>);
static_assert(shape_is<decltype(transpose(M)), 3, 4>);

// Reductions and losses are 1x1.
static_assert(shape_is<decltype(sum(W * x)), 1, 1>);
static_assert(shape_is<decltype(mean(M)), 1, 1>);
static_assert(shape_is<decltype(sum_sq(W)), 1, 1>);
static_assert(shape_is<decltype(softmax_cross_entropy(W * x + b, y)), 1, 1>);
static_assert(shape_is<decltype(svm_loss(W * x + b, y)), 1, 1>);
static_assert(shape_is<decltype(mse(W * x + b, y)), 1, 1>);
static_assert(shape_is<decltype(softmax_cross_entropy(W * x, y) + 1e-4_c * sum_sq(W)), 1, 1>);

// The shape type diagnostics print.
static_assert(std::is_same_v<shape_of_t<decltype(W * x)>, shape<4, -1>>);
static_assert(is_scalar_shape_v<shape_of_t<decltype(sum(x))>>);
static_assert(same_shape_v<decltype(W), decltype(M)>);
static_assert(!same_shape_v<decltype(W), decltype(transpose(M))>);

// Gradients have the shape of what they are taken with respect to.
static_assert(shape_is<decltype(grad(softmax_cross_entropy(W * x + b, y), W)), 4, 3>);
static_assert(shape_is<decltype(grad(softmax_cross_entropy(W * x + b, y), b)), 4, 1>);
static_assert(shape_is<decltype(grad(sum(hadamard(transpose(x) * transpose(W), transpose(y))), W)), 4, 3>);

// Elements for a batch size (what the planner sizes buffers with).
static_assert(elements_for_batch<decltype(W * x)>(8) == 32);
static_assert(elements_for_batch<decltype(W)>(8) == 12);
static_assert(elements_for_batch<decltype(transpose(x))>(5) == 15);

BOOST_AUTO_TEST_CASE(shapes_are_compile_time) {
    BOOST_TEST(decltype(W * x)::rows == 4);
    BOOST_TEST(decltype(W * x)::cols == batch_dim);
}
