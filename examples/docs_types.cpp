// The type is the graph (docs/design.md): what an exprnet expression and its gradient are.
#include <exprnet/exprnet.hpp>

#include <cstdio>
#include <type_traits>

using namespace exprnet;
using namespace exprnet::literals;

constexpr auto x  = input<"x", 784>;
constexpr auto y  = input<"y", 10>;
constexpr auto W1 = param<"W1", 100, 784>;
constexpr auto b1 = param<"b1", 100>;
constexpr auto W2 = param<"W2", 10, 100>;

constexpr auto z = W1 * x + b1;
constexpr auto loss = softmax_cross_entropy(W2 * relu(z), y) + 1e-4_c * sum_sq(W1);
using Z = std::remove_const_t<decltype(z)>;
using Loss = std::remove_const_t<decltype(loss)>;

// z is an empty object whose type spells the graph; the bias is broadcast by an explicit node.
using X = input_leaf<"x", 784>;
using P = param_leaf<"W1", 100, 784>;
using B = param_leaf<"b1", 100, 1>;
static_assert(std::is_same_v<Z, binary<add_op, matmul<P, X>, broadcast<B, 100, batch_dim>>>);
static_assert(std::is_empty_v<Z> && std::is_empty_v<Loss>);

// A constant's value is in its type.
static_assert(std::is_same_v<decltype(0.5_c), std::remove_const_t<decltype(ratio_c<1, 2>)>>);

// Gradients are types built by the rules: the bias gets the sum over the batch of dL/dz.
static_assert(std::is_same_v<decltype(grad(loss, b1)), rowwise_sum<grad_t<Loss, Z>>>);

// The arena and the program are planned from the same types, at compile time.
using train_t = decltype(compile<batch<32>>(loss, wrt(W1, b1, W2)));
static_assert(params_for<Loss>::count == 3 && train_t::parameter_count == 100 * 784 + 100 + 10 * 100);

int main() {
    std::printf("z        = %s\n", to_string(z).c_str());
    std::printf("dL/db1   = %s\n", to_string(grad(loss, b1)).c_str());
    std::printf("the loss has %zu node types; with its 3 gradients, %zu; the program runs %d steps\n",
                nodes_of_t<Loss>::size, train_t::nodes::size, train_t::step_count);
    return to_string(z) == "W1 * x + b1" ? 0 : 1;
}
