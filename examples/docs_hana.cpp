// docs/hana.md: a network's params, inputs and nodes as Boost.Hana sequences of types, and
// compile-time passes over them written with Hana's algorithms: which params train, the
// multiply-adds of each product, the elementwise functions used, and a rule an embedded build could
// enforce (no exp).
#include <exprnet/exprnet.hpp>
#include <exprnet/hana.hpp>

#include <boost/hana/any_of.hpp>
#include <boost/hana/filter.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/length.hpp>

#include <cstdio>
#include <string>

namespace hana = boost::hana;
using namespace exprnet;

constexpr auto x = input<"x", 784>;
constexpr auto enc_W1 = param<"enc_W1", 256, 784>;
constexpr auto enc_b1 = param<"enc_b1", 256>;
constexpr auto enc_W2 = param<"enc_W2", 32, 256>;
constexpr auto enc_b2 = param<"enc_b2", 32>;
constexpr auto dec_W1 = param<"dec_W1", 256, 32>;
constexpr auto dec_b1 = param<"dec_b1", 256>;
constexpr auto dec_W2 = param<"dec_W2", 784, 256>;
constexpr auto dec_b2 = param<"dec_b2", 784>;
constexpr auto code = tanh(enc_W2 * relu(enc_W1 * x + enc_b1) + enc_b2);
constexpr auto reconstruction = sigmoid(dec_W2 * relu(dec_W1 * code + dec_b1) + dec_b2);
constexpr auto loss = sum_sq(reconstruction - x);

// A pass is a function of types. These three are the user's own, a few lines each.
template <class T>
struct product_of : std::false_type {};
template <class A, class B>
struct product_of<matmul<A, B>> : std::true_type {
    using left = A;
};
constexpr auto is_product = [](auto t) { return hana::bool_c<product_of<typename decltype(t)::type>::value>; };

template <class T>
struct elementwise_op {
    using type = void;
};
template <class Op, class A>
struct elementwise_op<unary<Op, A>> {
    using type = Op;
};
constexpr auto is_unary = [](auto t) {
    return hana::bool_c<!std::is_void_v<typename elementwise_op<typename decltype(t)::type>::type>>;
};
template <class Op>
constexpr auto is_unary_of = [](auto t) {
    return hana::bool_c<std::is_same_v<typename elementwise_op<typename decltype(t)::type>::type, Op>>;
};

int main() {
    // Train the decoder only: the encoder's params get no gradient and no backward code.
    constexpr auto decoder = hana::filter(params_of(loss), name_starts_with<"dec">);
    using whole = decltype(compile<batch<64>>(loss, wrt(enc_W1, enc_b1, enc_W2, enc_b2, dec_W1, dec_b1, dec_W2, dec_b2)));
    using decoder_only = decltype(compile<batch<64>>(loss, wrt(decoder)));
    std::printf("params: %zu, of which the decoder's: %zu\n", std::size_t(hana::length(params_of(loss))),
                std::size_t(hana::length(decoder)));
    std::printf("multiply-adds per sample: %ld training everything, %ld training the decoder\n",
                whole::multiply_adds_per_sample, decoder_only::multiply_adds_per_sample);

    // The multiply-adds of each product of the forward pass, per sample.
    long total = 0;
    hana::for_each(hana::filter(nodes_of(loss), is_product), [&](auto t) {
        using P = typename decltype(t)::type;
        using A = typename product_of<P>::left;  // a param here
        const long mads = long(A::rows) * A::cols;
        total += mads;
        std::printf("  %-6s * (%3d x %3d)  %7ld\n", std::string(A::name.view()).c_str(), A::rows, A::cols, mads);
    });
    std::printf("  forward, in all        %7ld\n", total);

    // The elementwise functions the net uses, in graph order (sum_sq squares).
    std::string used;
    hana::for_each(hana::filter(nodes_of(loss), is_unary), [&](auto t) {
        used += std::string(used.empty() ? "" : ", ") + std::string(decltype(t)::type::op::print.text);
    });
    std::printf("elementwise functions: %s\n", used.c_str());

    // A rule for embedded builds: no exp (say, no libm on the device). Checked at compile time;
    // a firmware build would make it a static_assert.
    constexpr bool uses_exp = hana::any_of(nodes_of(loss), is_unary_of<exp_op>);
    constexpr bool with_exp = hana::any_of(nodes_of(sum(exp(code))), is_unary_of<exp_op>);
    static_assert(!uses_exp && with_exp);
    std::printf("uses exp: %s (sum(exp(code)) would: %s)\n", uses_exp ? "yes" : "no", with_exp ? "yes" : "no");
    return 0;
}
