// exprnet's int8 programs (quant/program.hpp) on the inference workloads, beside the float
// program of bench/exprnet_infer.cpp, and the obvious hand-written int8 loop on the same int8
// parameters. Each quantizes the workload's float weights (quant::quantize, calibrated on the
// problem's calibration inputs) once, outside the timed loop; a call takes the float input,
// quantizes it, runs the int8 layers and dequantizes the scores, as the float program's call
// takes floats and returns floats. The check against the double reference uses int8_tolerance:
// the difference is the quantization's (bit-exactness against the independent reference is
// tested in tests/quant/program.cpp).
#include "common.hpp"
#include "exprnet_nets.hpp"

#include <exprnet/quant.hpp>

#include <cstdint>

namespace {

using bench::workload;
namespace tiny = bench::nets::tiny;
using mnist = bench::nets::two_layer<784>;
namespace quant = exprnet::quant;

/// Relative error of int8 scores against the double reference that the check allows: a few
/// quantization steps of the output's scale.
constexpr double int8_tolerance = 0.05;

/// The workload's float params, quantized.
template <class Net, class Arena, class Scores>
quant::qparams_for<Net> quantized(Scores scores, const Arena& p, const bench::problem& d) {
    quant::qparams_for<Net> q;
    quant::quantize(scores, p, d.calibration, q);
    return q;
}

struct tiny_int8 {
    static constexpr double check_tolerance = int8_tolerance;
    using net = std::remove_const_t<decltype(tiny::scores)>;
    quant::qparams_for<net> q;
    decltype(quant::compile<exprnet::batch<1>>(tiny::scores)) infer;
    Eigen::Matrix<float, 2, 1> x;

    explicit tiny_int8(const bench::problem& d) : x(d.x) {
        exprnet::params_for<net> p;
        p[tiny::W1] = d.W[0], p[tiny::b1] = d.b[0];
        p[tiny::W2] = d.W[1], p[tiny::b2] = d.b[1];
        p[tiny::W3] = d.W[2], p[tiny::b3] = d.b[2];
        q = quantized<net>(tiny::scores, p, d);
    }
    void forward() { benchmark::DoNotOptimize(infer(q, tiny::x = x).data()); }
    Eigen::MatrixXf output() { return infer(q, tiny::x = x); }
};

using mnist_net = std::remove_const_t<decltype(mnist::scores)>;

quant::qparams_for<mnist_net> mnist_quantized(const bench::problem& d) {
    exprnet::params_for<mnist_net> p;
    p[mnist::W1] = d.W[0], p[mnist::b1] = d.b[0];
    p[mnist::W2] = d.W[1], p[mnist::b2] = d.b[1];
    return quantized<mnist_net>(mnist::scores, p, d);
}

struct mnist_int8 {
    static constexpr double check_tolerance = int8_tolerance;
    quant::qparams_for<mnist_net> q;
    decltype(quant::compile<exprnet::batch<1>>(mnist::scores)) infer;
    Eigen::Matrix<float, 784, 1> x;

    explicit mnist_int8(const bench::problem& d) : q(mnist_quantized(d)), x(d.x) {}
    void forward() { benchmark::DoNotOptimize(infer(q, mnist::x = x).data()); }
    Eigen::MatrixXf output() { return infer(q, mnist::x = x); }
};

/// The obvious int8 layer, as TFLite's reference fully connected kernel writes it (and as the
/// device's comparison in examples/embedded/int8_speed.cpp): one multiply-accumulate at a
/// time, the input offset added in the loop, then the requantization and the clamp.
template <class Layer>
void obvious_layer(const quant::layer_params<Layer>& l, std::int32_t input_offset, const std::int8_t* in,
                   std::int8_t* out) {
    for (int i = 0; i < Layer::outputs; ++i) {
        std::int32_t acc = 0;
        for (int j = 0; j < Layer::inputs; ++j)
            acc += (std::int32_t(in[j]) + input_offset) * std::int32_t(l.weight[std::size_t(i * Layer::inputs + j)]);
        acc += l.bias[std::size_t(i)];
        const std::int32_t v =
            quant::multiply_by_quantized_multiplier(acc, l.multiplier[std::size_t(i)], l.shift[std::size_t(i)]) +
            l.output.zero_point;
        out[i] = std::int8_t(v < l.output_min ? l.output_min : v > l.output_max ? l.output_max : v);
    }
}

struct mnist_handwritten_int8 {
    static constexpr double check_tolerance = int8_tolerance;
    quant::qparams_for<mnist_net> q;
    Eigen::Matrix<float, 784, 1> x;
    Eigen::Matrix<float, 10, 1> scores;
    std::int8_t in[784], hidden[100], out[10];

    explicit mnist_handwritten_int8(const bench::problem& d) : q(mnist_quantized(d)), x(d.x) {}
    void forward() {
        for (int k = 0; k < 784; ++k) in[k] = quant::quantize_value(x(k), q.input);
        obvious_layer(q.layer<0>(), -q.input.zero_point, in, hidden);
        obvious_layer(q.layer<1>(), -q.layer<0>().output.zero_point, hidden, out);
        for (int k = 0; k < 10; ++k) scores(k) = quant::dequantize_value(out[k], q.layer<1>().output);
        benchmark::DoNotOptimize(scores.data());
    }
    Eigen::MatrixXf output() {
        forward();
        return scores;
    }
};

}  // namespace

BENCH_INFER(workload::tiny_infer, "exprnet_int8", tiny_int8);
BENCH_INFER(workload::mnist_infer, "exprnet_int8", mnist_int8);
BENCH_INFER(workload::mnist_infer, "handwritten_int8", mnist_handwritten_int8);
