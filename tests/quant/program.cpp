// quant/program.hpp and quant/quantize.hpp against the independent reference
// (tests/quant/reference.hpp): int8 networks quantized from random float ones, run on random
// and extreme int8 inputs, must give the reference's int8 outputs bit for bit; and their
// dequantized scores must be close to the float network's.
#include "quant/reference.hpp"

#include <exprnet/embedded.hpp>
#include <exprnet/nn.hpp>
#include <exprnet/quant.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

using namespace exprnet;
using namespace exprnet::literals;

namespace {

// Three nets: every kind of layer (no activation, relu, tables for sigmoid, tanh, leaky_relu
// and elu), with and without bias.
namespace a {
constexpr auto x = input<"x", 8>;
constexpr auto W1 = param<"W1", 16, 8>;
constexpr auto b1 = param<"b1", 16>;
constexpr auto W2 = param<"W2", 12, 16>;
constexpr auto b2 = param<"b2", 12>;
constexpr auto W3 = param<"W3", 5, 12>;
constexpr auto b3 = param<"b3", 5>;
constexpr auto net = W3 * sigmoid(W2 * relu(W1 * x + b1) + b2) + b3;
}  // namespace a
namespace b {
constexpr auto x = input<"x", 6>;
constexpr auto W1 = param<"W1", 10, 6>;
constexpr auto b1 = param<"b1", 10>;
constexpr auto W2 = param<"W2", 10, 10>;
constexpr auto W3 = param<"W3", 3, 10>;
constexpr auto b3 = param<"b3", 3>;
constexpr auto net = W3 * leaky_relu(W2 * tanh(W1 * x + b1), 0.1_c) + b3;
}  // namespace b
namespace c {
constexpr auto x = input<"x", 20>;
constexpr auto W1 = param<"W1", 7, 20>;
constexpr auto b1 = param<"b1", 7>;
constexpr auto W2 = param<"W2", 4, 7>;
constexpr auto b2 = param<"b2", 4>;
constexpr auto net = relu(W2 * elu(W1 * x + b1) + b2);
}  // namespace c
// Wide enough for every path of the vector kernels: inputs in several blocks plus a tail
// (50 = 3 × 16 + 2, 37 = 2 × 16 + 5), outputs in groups of four (or two) plus a rest (37, 6).
namespace d {
constexpr auto x = input<"x", 50>;
constexpr auto W1 = param<"W1", 37, 50>;
constexpr auto b1 = param<"b1", 37>;
constexpr auto W2 = param<"W2", 6, 37>;
constexpr auto b2 = param<"b2", 6>;
constexpr auto net = W2 * relu(W1 * x + b1) + b2;
}  // namespace d

template <class Layer>
reference::layer reference_layer(const quant::layer_params<Layer>& l, std::int32_t input_zero_point) {
    reference::layer r;
    r.inputs = Layer::inputs;
    r.outputs = Layer::outputs;
    r.filter.assign(l.weight.begin(), l.weight.end());
    r.bias.assign(l.bias.begin(), l.bias.end());
    r.multiplier.assign(l.multiplier.begin(), l.multiplier.end());
    r.shift.assign(l.shift.begin(), l.shift.end());
    r.input_zero_point = input_zero_point;
    r.output_zero_point = l.output.zero_point;
    r.act_min = l.output_min;
    r.act_max = l.output_max;
    r.table.assign(l.table.begin(), l.table.end());
    return r;
}

template <class Q, std::size_t... Is>
std::vector<reference::layer> reference_net(const Q& q, std::index_sequence<Is...>) {
    std::vector<reference::layer> layers;
    std::int32_t zero_point = q.input.zero_point;
    (
        [&] {
            const auto& l = q.template layer<int(Is)>();
            layers.push_back(reference_layer(l, zero_point));
            zero_point = l.table_size ? l.table_output.zero_point : l.output.zero_point;
        }(),
        ...);
    return layers;
}

std::vector<std::int8_t> run_reference(const std::vector<reference::layer>& layers, std::vector<std::int8_t> h) {
    for (const auto& l : layers) h = reference::fully_connected(l, h);
    return h;
}

/// Quantizes net E (random float weights, calibration on 64 normal columns) and compares the
/// int8 program with the reference on 300 inputs: random, all -128, all 127, alternating.
template <class E>
void check_net(E net, std::uint64_t seed) {
    using params = params_for<E>;
    using qparams = quant::qparams_for<E>;
    auto p = std::make_unique<params>();
    nn::initialize(*p, nn::he_normal, seed);
    using chain = quant::layers_of<E>;
    constexpr int inputs = chain::input::rows;
    std::mt19937 rng{unsigned(seed)};
    std::normal_distribution<float> normal;
    Eigen::MatrixXf calibration(inputs, 64);
    for (Eigen::Index k = 0; k < calibration.size(); ++k) calibration(k) = normal(rng);
    auto q = std::make_unique<qparams>();
    quant::quantize(net, *p, calibration, *q);

    auto program = quant::compile<batch<1>>(net);
    const auto reference = reference_net(*q, std::make_index_sequence<chain::layers::size>{});
    std::uniform_int_distribution<int> byte(-128, 127);
    int compared = 0;
    for (int t = 0; t < 300; ++t) {
        std::vector<std::int8_t> in(inputs);
        for (int k = 0; k < inputs; ++k)
            in[std::size_t(k)] = std::int8_t(t == 0 ? -128 : t == 1 ? 127 : t == 2 ? (k % 2 ? 127 : -128) : byte(rng));
        std::vector<std::int8_t> out(E::rows);
        program.run_int8(*q, in.data(), out.data());
        BOOST_TEST(out == run_reference(reference, in), boost::test_tools::per_element());
        ++compared;
    }
    BOOST_TEST(compared == 300);

    // The dequantized scores of the calibration columns are near the float network's: within
    // 8 % of the float scores' range (the error of 8-bit steps through the layers).
    auto float_program = compile<batch<64>>(net);
    const Eigen::MatrixXf exact = float_program(*p, typename chain::input{} = calibration);
    auto int8_program = quant::compile<batch<64>>(net);
    const Eigen::MatrixXf approx = int8_program(*q, typename chain::input{} = calibration);
    const float range = exact.maxCoeff() - exact.minCoeff();
    BOOST_TEST((approx - exact).cwiseAbs().maxCoeff() <= 0.08f * range);
}

}  // namespace

BOOST_AUTO_TEST_CASE(fixed_point_matches_the_reference_arithmetic) {
    std::mt19937 rng(7);
    std::uniform_int_distribution<std::int32_t> any(std::numeric_limits<std::int32_t>::min(), std::numeric_limits<std::int32_t>::max());
    std::vector<std::int32_t> values = {0, 1, -1, 2, -2, 3, -3, std::numeric_limits<std::int32_t>::min(),
                                        std::numeric_limits<std::int32_t>::max(), 1 << 30, -(1 << 30), (1 << 30) + 1};
    for (int k = 0; k < 2000; ++k) values.push_back(any(rng));
    long checked = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const std::int32_t a = values[i], b = values[(i * 7 + 3) % values.size()];
        BOOST_TEST(quant::saturating_rounding_doubling_high_mul(a, b) == reference::doubling_high_mul(a, b));
        for (int e = 0; e <= 31; e += (i < 12 ? 1 : 5)) {
            BOOST_TEST(quant::rounding_divide_by_pot(a, e) == reference::divide_by_power_of_two(a, e));
            ++checked;
        }
        // Multipliers are never negative (quantized_multiplier makes them from m >= 0).
        const std::int32_t m = b == std::numeric_limits<std::int32_t>::min() ? std::numeric_limits<std::int32_t>::max() : b < 0 ? -b : b;
        for (int shift : {-31, -20, -8, -1, 0, 1, 4})
            BOOST_TEST(quant::multiply_by_quantized_multiplier(a, m, shift) == reference::requantize(a, m, shift));
    }
    BOOST_TEST(quant::saturating_rounding_doubling_high_mul(std::numeric_limits<std::int32_t>::min(), std::numeric_limits<std::int32_t>::min()) ==
               std::numeric_limits<std::int32_t>::max());
    BOOST_TEST(checked > 2000);
}

BOOST_AUTO_TEST_CASE(quantized_multiplier_is_the_real_one_to_half_a_step) {
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> exponent(-9, 2);  // 1e-9 .. 100: below 2^-32 it is 0
    for (int k = 0; k < 5000; ++k) {
        const double m = std::pow(10.0, exponent(rng));
        const auto f = quant::quantized_multiplier(m);
        BOOST_TEST(f.multiplier >= (1 << 30));
        const double step = std::ldexp(1.0, f.shift - 31);
        BOOST_TEST(std::abs(double(f.multiplier) * step - m) <= step / 2);
    }
    BOOST_TEST(quant::quantized_multiplier(0).multiplier == 0);
}

BOOST_AUTO_TEST_CASE(relu_sigmoid_and_plain_layers_match_the_reference) { check_net(a::net, 1); }
BOOST_AUTO_TEST_CASE(tanh_leaky_relu_and_bias_free_layers_match_the_reference) { check_net(b::net, 2); }
BOOST_AUTO_TEST_CASE(elu_and_a_relu_output_match_the_reference) { check_net(c::net, 3); }
BOOST_AUTO_TEST_CASE(wide_layers_match_the_reference) { check_net(d::net, 4); }

// This executable is built once with the build's flags and, on x86 hosts with AVX2, once more
// with -mavx2 (tests/CMakeLists.txt), each naming the kernel it must have run.
#if defined(EXPRNET_TEST_KERNEL)
BOOST_AUTO_TEST_CASE(the_build_runs_the_expected_kernel) {
    BOOST_TEST(std::string(quant::program<std::remove_const_t<decltype(d::net)>, 1>::kernel::name) == EXPRNET_TEST_KERNEL);
}
#endif

BOOST_AUTO_TEST_CASE(quantize_value_rounds_as_lround_and_saturates) {
    // The definition, written plainly: steps = real / scale, lround, + zero point, saturate;
    // NaN is -128.
    const auto expected = [](float real, quant::int8_scale s) {
        const float steps = real / s.scale;
        if (std::isnan(steps)) return std::int8_t(-128);
        const long r = std::abs(steps) > 1e6f ? (steps > 0 ? 1000000L : -1000000L) : std::lround(steps);
        return std::int8_t(std::clamp(r + s.zero_point, -128L, 127L));
    };
    std::vector<float> values = {0.0f, -0.0f, INFINITY, -INFINITY, NAN, 1e30f, -1e30f, 1e-40f, -1e-40f};
    std::mt19937 rng(11);
    std::uniform_real_distribution<float> any(-20.0f, 20.0f);
    for (int k = 0; k < 20000; ++k) values.push_back(any(rng));
    int checked = 0;
    for (const quant::int8_scale s : {quant::int8_scale{0.0371f, -17}, quant::int8_scale{1.0f, 0}, quant::int8_scale{0.25f, 100}}) {
        std::vector<float> near_ties = values;
        for (int k = -1200; k <= 1200; ++k) {  // ±3 ulps around every tie k + 1/2 in steps
            float v = (float(k) + 0.5f) * s.scale;
            for (int d = 0; d < 3; ++d) v = std::nextafter(v, -INFINITY);
            for (int d = 0; d < 7; ++d, v = std::nextafter(v, INFINITY)) near_ties.push_back(v);
        }
        for (float v : near_ties) {
            BOOST_TEST(int(quant::quantize_value(v, s)) == int(expected(v, s)), "quantize_value(" << v << ")");
            ++checked;
        }
    }
    BOOST_TEST(checked > 60000);
}

BOOST_AUTO_TEST_CASE(saturating_requantization_matches_the_reference) {
    // Multipliers far above 1 (a left shift) drive every output to the clamp's ends.
    using E = std::remove_const_t<decltype(a::net)>;
    auto p = std::make_unique<params_for<E>>();
    nn::initialize(*p, nn::he_normal, 9);
    Eigen::MatrixXf calibration = Eigen::MatrixXf::Random(8, 16);
    quant::qparams_for<E> q;
    quant::quantize(a::net, *p, calibration, q);
    for (auto& m : q.layer<0>().shift) m = 12;
    for (auto& m : q.layer<2>().shift) m = 20;
    auto program = quant::compile<batch<1>>(a::net);
    const auto reference = reference_net(q, std::make_index_sequence<3>{});
    std::vector<std::int8_t> in(8, 127), out(5);
    int saturated = 0;
    for (int t = 0; t < 50; ++t) {
        for (int k = 0; k < 8; ++k) in[std::size_t(k)] = std::int8_t((t * 37 + k * 91) % 256 - 128);
        program.run_int8(q, in.data(), out.data());
        BOOST_TEST(out == run_reference(reference, in), boost::test_tools::per_element());
        for (auto v : out) saturated += v == 127 || v == -128;
    }
    BOOST_TEST(saturated > 100);  // most of the 250 outputs are at an end
}
