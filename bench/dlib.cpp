// dlib (Debian's libdlib-dev, its cblas calls on OpenBLAS when libopenblas-dev is installed),
// the code a dlib user would write: a loss_multiclass_log network of fc layers (fc stores its
// weights transposed, inputs × outputs, with the bias as one extra row), htan or relu; the
// input is converted to dlib's tensor once, outside the timed loop. Training:
// compute_parameter_gradients (forward, loss averaged over the batch, backward), then
// update_parameters with sgd(0, 0) solvers (no weight decay, no momentum): plain SGD.
// Built only when CMake finds dlib.
#include "common.hpp"

#include <dlib/dnn.h>

extern "C" void openblas_set_num_threads(int) __attribute__((weak));

namespace {

using bench::workload;

using tiny_net = dlib::loss_multiclass_log<
    dlib::fc<2, dlib::htan<dlib::fc<16, dlib::htan<dlib::fc<16, dlib::input<dlib::matrix<float, 0, 1>>>>>>>>;
// One type for 784 and 3072 inputs: fc learns its input size at the first forward pass.
using two_layer_net = dlib::loss_multiclass_log<dlib::fc<10, dlib::relu<dlib::fc<100, dlib::input<dlib::matrix<float, 0, 1>>>>>>;

// fc params: (inputs + 1) × outputs, row-major; row i < inputs is column i of W, the last row b.
void set_fc(dlib::tensor& t, const Eigen::MatrixXf& W, const Eigen::VectorXf& b) {
    const long in = W.cols(), out = W.rows();
    Eigen::Map<Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> p(t.host(), in + 1, out);
    p.topRows(in) = W.transpose();
    p.row(in) = b.transpose();
}
void get_fc(const dlib::tensor& t, long in, long out, Eigen::MatrixXf& W, Eigen::VectorXf& b) {
    Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> p(t.host(), in + 1, out);
    W = p.topRows(in).transpose();
    b = p.row(in).transpose();
}

template <class Net>
struct dlib_system {
    static constexpr bool tiny = std::is_same_v<Net, tiny_net>;
    Net net;
    dlib::resizable_tensor x;
    std::vector<unsigned long> labels;
    std::vector<dlib::sgd> solvers;
    std::vector<long> sizes;

    explicit dlib_system(const bench::problem& d) : solvers(Net::num_computational_layers, dlib::sgd(0, 0)) {
        if (openblas_set_num_threads) openblas_set_num_threads(1);
        std::vector<dlib::matrix<float, 0, 1>> samples(std::size_t(d.x.cols()));
        for (long j = 0; j < d.x.cols(); ++j) {
            samples[std::size_t(j)].set_size(d.x.rows());
            for (long i = 0; i < d.x.rows(); ++i) samples[std::size_t(j)](i) = d.x(i, j);
        }
        net.to_tensor(samples.begin(), samples.end(), x);
        net.forward(x);  // allocates the params
        for (int l : d.labels) labels.push_back(static_cast<unsigned long>(l));
        for (const auto& w : d.W) sizes.push_back(w.cols());
        sizes.push_back(d.W.back().rows());
        if constexpr (tiny) {
            set_fc(dlib::layer<5>(net).layer_details().get_layer_params(), d.W[0], d.b[0]);
            set_fc(dlib::layer<3>(net).layer_details().get_layer_params(), d.W[1], d.b[1]);
            set_fc(dlib::layer<1>(net).layer_details().get_layer_params(), d.W[2], d.b[2]);
        } else {
            set_fc(dlib::layer<3>(net).layer_details().get_layer_params(), d.W[0], d.b[0]);
            set_fc(dlib::layer<1>(net).layer_details().get_layer_params(), d.W[1], d.b[1]);
        }
    }

    // Inference.
    void forward() { benchmark::DoNotOptimize(net.forward(x).host()); }
    Eigen::MatrixXf output() {
        const dlib::tensor& t = net.forward(x);
        return Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(t.host(), t.num_samples(),
                                                                                                     t.k())
            .transpose();
    }

    // Training.
    float step(float lr) {
        const double loss = net.compute_parameter_gradients(x, labels.begin());
        net.update_parameters(dlib::make_sstack(solvers), lr);
        return float(loss);
    }
    std::vector<Eigen::MatrixXf> weights() const { return params().first; }
    std::vector<Eigen::VectorXf> biases() const { return params().second; }
    std::pair<std::vector<Eigen::MatrixXf>, std::vector<Eigen::VectorXf>> params() const {
        std::vector<Eigen::MatrixXf> W(sizes.size() - 1);
        std::vector<Eigen::VectorXf> b(sizes.size() - 1);
        if constexpr (tiny) {
            get_fc(dlib::layer<5>(net).layer_details().get_layer_params(), sizes[0], sizes[1], W[0], b[0]);
            get_fc(dlib::layer<3>(net).layer_details().get_layer_params(), sizes[1], sizes[2], W[1], b[1]);
            get_fc(dlib::layer<1>(net).layer_details().get_layer_params(), sizes[2], sizes[3], W[2], b[2]);
        } else {
            get_fc(dlib::layer<3>(net).layer_details().get_layer_params(), sizes[0], sizes[1], W[0], b[0]);
            get_fc(dlib::layer<1>(net).layer_details().get_layer_params(), sizes[1], sizes[2], W[1], b[1]);
        }
        return {W, b};
    }
};

}  // namespace

BENCH_INFER(workload::tiny_infer, "dlib", dlib_system<tiny_net>);
BENCH_INFER(workload::mnist_infer, "dlib", dlib_system<two_layer_net>);
BENCH_INFER(workload::mnist_infer_b256, "dlib", dlib_system<two_layer_net>);
BENCH_TRAIN(workload::mnist_train_b64, "dlib", dlib_system<two_layer_net>);
BENCH_TRAIN(workload::tiny_train, "dlib", dlib_system<tiny_net>);
BENCH_TRAIN(workload::cifar_train_b64, "dlib", dlib_system<two_layer_net>);
