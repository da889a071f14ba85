// hana.hpp: an expression's params, inputs and nodes as Hana sequences of types; wrt over a
// sequence that Hana filtered trains those params only, with no backward code for the others
// (counted in multiply-adds, by hand), the same gradients as the full program, and the
// frozen params unchanged.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/hana.hpp>

#include <boost/hana/contains.hpp>
#include <boost/hana/equal.hpp>
#include <boost/hana/filter.hpp>
#include <boost/hana/back.hpp>
#include <boost/hana/length.hpp>

#include <memory>
#include <type_traits>

namespace hana = boost::hana;
using namespace exprnet;
using namespace exprnet::literals;

namespace {

// An autoencoder 8 → 4 → 8: an encoder and a decoder, told apart by their params' names.
constexpr auto x = input<"x", 8>;
constexpr auto enc_W = param<"enc_W", 4, 8>;
constexpr auto enc_b = param<"enc_b", 4>;
constexpr auto dec_W = param<"dec_W", 8, 4>;
constexpr auto dec_b = param<"dec_b", 8>;
constexpr auto code = tanh(enc_W * x + enc_b);
constexpr auto loss = 0.5_c * sum_sq(dec_W * code + dec_b - x);
using loss_t = std::remove_const_t<decltype(loss)>;

template <auto& Symbol>
constexpr auto type_of = hana::type_c<std::remove_const_t<std::remove_reference_t<decltype(Symbol)>>>;

}  // namespace

BOOST_AUTO_TEST_CASE(params_inputs_and_nodes_as_hana_sequences) {
    constexpr auto params = params_of(loss);
    static_assert(hana::length(params) == hana::size_c<4>);
    static_assert(hana::contains(params, type_of<enc_W>) && hana::contains(params, type_of<enc_b>));
    static_assert(hana::contains(params, type_of<dec_W>) && hana::contains(params, type_of<dec_b>));
    static_assert(hana::length(inputs_of(loss)) == hana::size_c<1>);
    static_assert(hana::contains(inputs_of(loss), type_of<x>));
    // The same nodes as the core's own analysis, the loss last.
    static_assert(hana::length(nodes_of(loss)) == hana::size_c<std::size_t(nodes_of_t<loss_t>::size)>);
    static_assert(hana::back(nodes_of(loss)) == hana::type_c<loss_t>);
    BOOST_TEST(true);  // the checks above are compile-time
}

BOOST_AUTO_TEST_CASE(name_predicates_select_params) {
    constexpr auto decoder = hana::filter(params_of(loss), name_starts_with<"dec">);
    static_assert(hana::length(decoder) == hana::size_c<2>);
    static_assert(hana::contains(decoder, type_of<dec_W>) && hana::contains(decoder, type_of<dec_b>));
    static_assert(!hana::contains(decoder, type_of<enc_W>));
    constexpr auto just_enc_b = hana::filter(params_of(loss), name_is<"enc_b">);
    static_assert(just_enc_b == hana::make_tuple(type_of<enc_b>));
    // wrt over a sequence is wrt over its params.
    using from_hana = decltype(wrt(decoder))::params;
    static_assert(from_hana::size == 2);
    static_assert(detail::contains_t<std::remove_const_t<decltype(dec_W)>, from_hana>::value);
    static_assert(detail::contains_t<std::remove_const_t<decltype(dec_b)>, from_hana>::value);
    BOOST_TEST(true);
}

BOOST_AUTO_TEST_CASE(training_the_decoder_only_freezes_the_encoder) {
    constexpr auto decoder = hana::filter(params_of(loss), name_starts_with<"dec">);
    auto decoder_only = compile<batch<4>>(loss, wrt(decoder));
    auto everything = compile<batch<4>>(loss, wrt(enc_W, enc_b, dec_W, dec_b));
    // Per sample, by hand: forward 4·8 + 8·4, the decoder's weight gradient 8·4; the full program
    // also has the input gradient of the code (4·8) and the encoder's weight gradient (4·8).
    static_assert(decltype(decoder_only)::multiply_adds_per_sample == 3 * 32);
    static_assert(decltype(everything)::multiply_adds_per_sample == 5 * 32);

    auto p = std::make_unique<params_for<loss_t>>();
    p->flat() = Eigen::VectorXf::LinSpaced(p->size, -0.5f, 0.5f);
    const Eigen::MatrixXf xs = Eigen::MatrixXf::Random(8, 4);
    auto g_all = std::make_unique<grads_for<loss_t>>();
    everything(*p, *g_all, x = xs);
    const auto before = std::make_unique<params_for<loss_t>>(*p);
    const float lr = 0.1f;
    decoder_only(*p, sgd{lr}, x = xs);
    BOOST_TEST(((*p)[enc_W] == (*before)[enc_W]));
    BOOST_TEST(((*p)[enc_b] == (*before)[enc_b]));
    // The decoder moved by lr times the full program's gradient.
    const Eigen::MatrixXf moved_W = (*before)[dec_W] - lr * (*g_all)[dec_W];
    const Eigen::VectorXf moved_b = (*before)[dec_b] - lr * (*g_all)[dec_b];
    BOOST_TEST(((*p)[dec_W] - moved_W).cwiseAbs().maxCoeff() <= 1e-6f);
    BOOST_TEST(((*p)[dec_b] - moved_b).cwiseAbs().maxCoeff() <= 1e-6f);
    BOOST_TEST((*g_all)[dec_W].norm() > 0.0f);
}
