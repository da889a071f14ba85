// libtorch's int8 inference (Debian's libtorch-dev), the peer of exprnet's int8 programs on the
// 784-100-10 net: PyTorch's static quantization as its eager-mode modules run it, through the
// dispatcher ops they call (quantized::linear_prepack, quantized::linear_relu,
// quantized::linear: the C++ API has no other entry to them). Engine QNNPACK, PyTorch's int8
// engine for Arm and x86 (Debian's build has no FBGEMM; its oneDNN engine needs 7-bit
// activations on CPUs without VNNI). Weights qint8, symmetric, per output channel; activations
// quint8, per tensor, their ranges calibrated on the problem's calibration inputs through the
// float net, as exprnet calibrates; biases float (QNNPACK quantizes them at input × weight
// scale itself). A call quantizes the 1 × 784 input, runs both layers in int8 and dequantizes
// the scores. One intra-op thread.
#include "common.hpp"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <ATen/core/dispatch/Dispatcher.h>
#include <ATen/native/quantized/PackedParams.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <cmath>

namespace {

using bench::workload;
using packed = c10::intrusive_ptr<LinearPackedParamsBase>;

using linear_signature = at::Tensor(at::Tensor, const packed&, double, std::int64_t);

template <class Signature>
c10::TypedOperatorHandle<Signature> op(const char* name) {
    return c10::Dispatcher::singleton().findSchemaOrThrow(name, "").typed<Signature>();
}

/// quint8 scale and zero point of the range [lo, hi] widened to hold 0 (PyTorch's
/// MinMaxObserver).
struct range_params {
    double scale;
    std::int64_t zero_point;
};
range_params quint8_params(double lo, double hi) {
    lo = std::min(lo, 0.0);
    hi = std::max(hi, 0.0);
    const double scale = hi > lo ? (hi - lo) / 255.0 : 1.0;
    return {scale, std::clamp<std::int64_t>(std::llround(-lo / scale), 0, 255)};
}

at::Tensor row_major(const Eigen::MatrixXf& m) {  // m as a rows × cols tensor
    at::Tensor t = at::empty({m.rows(), m.cols()}, at::kFloat);
    Eigen::Map<Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(t.data_ptr<float>(), m.rows(), m.cols()) = m;
    return t;
}

at::Tensor per_channel_weights(const at::Tensor& W) {
    const at::Tensor scales = (std::get<0>(W.abs().max(1)) / 127.0).to(at::kDouble);
    return at::quantize_per_channel(W, scales, at::zeros({W.size(0)}, at::kLong), 0, at::kQInt8);
}

struct mnist_torch_int8 {
    static constexpr double check_tolerance = 0.05;  // as exprnet's int8 systems (bench/exprnet_infer_int8.cpp)
    range_params in, hidden, scores;
    c10::TypedOperatorHandle<linear_signature> linear_relu = op<linear_signature>("quantized::linear_relu");
    c10::TypedOperatorHandle<linear_signature> linear = op<linear_signature>("quantized::linear");
    packed layer1, layer2;
    at::Tensor x, out;

    explicit mnist_torch_int8(const bench::problem& d) {
        at::set_num_threads(1);
        at::globalContext().setQEngine(at::QEngine::QNNPACK);  // before prepacking
        const Eigen::MatrixXf h = ((d.W[0] * d.calibration).colwise() + d.b[0]).cwiseMax(0.0f);
        const Eigen::MatrixXf s = (d.W[1] * h).colwise() + d.b[1];
        in = quint8_params(d.calibration.minCoeff(), d.calibration.maxCoeff());
        hidden = quint8_params(h.minCoeff(), h.maxCoeff());
        scores = quint8_params(s.minCoeff(), s.maxCoeff());
        const auto prepack = op<packed(at::Tensor, c10::optional<at::Tensor>)>("quantized::linear_prepack");
        layer1 = prepack.call(per_channel_weights(row_major(d.W[0])), row_major(d.b[0]).reshape({-1}));
        layer2 = prepack.call(per_channel_weights(row_major(d.W[1])), row_major(d.b[1]).reshape({-1}));
        x = row_major(d.x.transpose());  // 1 × 784
    }
    void forward() {
        c10::InferenceMode guard;
        const at::Tensor qx = at::quantize_per_tensor(x, in.scale, in.zero_point, at::kQUInt8);
        const at::Tensor qh = linear_relu.call(qx, layer1, hidden.scale, hidden.zero_point);
        out = linear.call(qh, layer2, scores.scale, scores.zero_point).dequantize();
    }
    Eigen::MatrixXf output() const {
        const at::Tensor c = out.contiguous();
        return Eigen::Map<const Eigen::VectorXf>(c.data_ptr<float>(), c.numel());
    }
};

}  // namespace

BENCH_INFER(workload::mnist_infer, "libtorch_int8", mnist_torch_int8);
