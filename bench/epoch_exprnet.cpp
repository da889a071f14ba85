// exprnet in the end-to-end benchmark (epoch_common.hpp): the training program of the net for
// batch<128> writing a grads_for arena, nn::adam, the cosine schedule, nn::batch_order and
// nn::gather_columns, as examples/fashion_mnist does (without its running accuracy: the
// benchmark times the training only); the test accuracy through a dynamic_batch program.
// "exprnet_2t": the same with the batch split in two parts of 64 on two threads
// (eval/data_parallel.hpp), which also share the gather and Adam's step.
#include "epoch_common.hpp"
#include "exprnet_nets.hpp"

#include <exprnet/eval/data_parallel.hpp>
#include <exprnet/nn.hpp>

namespace {

using bench::epoch::task;
namespace ex = exprnet;

template <class Net, int Batch>
using one_thread = decltype(ex::compile<ex::batch<Batch>>(Net::loss, Net::parameters));
template <class Net, int Batch>
using two_threads = ex::data_parallel<2, decltype(ex::compile<ex::batch<Batch / 2>>(Net::loss, Net::parameters))>;

/// The threads of a data_parallel program, for the passes between its calls (the gather and
/// Adam), else the calling thread.
template <class Train>
auto parallel_for_of(Train& train) {
    if constexpr (requires { train.parallel_for(); }) return train.parallel_for();
    else return ex::serial_for{};
}

template <class Net, template <class, int> class Train>
struct exprnet_epoch {
    using loss_t = std::remove_const_t<decltype(Net::loss)>;
    using params_t = ex::params_for<loss_t>;
    static constexpr int batch = bench::epoch::batch;

    const bench::epoch::dataset& d;
    params_t p;
    ex::grads_for<loss_t> g;
    ex::nn::adam<params_t> adam{{.learning_rate = bench::epoch::initial_rate}};
    Train<Net, batch> train;
    decltype(ex::compile<ex::dynamic_batch>(Net::scores)) infer;
    ex::nn::batch_order order;
    Eigen::MatrixXf xb, yb;
    long step = 0, total;

    explicit exprnet_epoch(const bench::epoch::dataset& data)
        : d(data), order(data.train_x.cols(), batch, bench::epoch::order_seed), xb(Net::x.rows, batch), yb(10, batch),
          total(bench::epoch::epochs * order.batches()) {
        ex::nn::initialize(p, ex::nn::he_normal, bench::epoch::init_seed);
        infer.reserve(data.test_x.cols());
    }
    void epoch(long e) {
        order.shuffle(e);
        for (long b = 0; b < order.batches(); ++b) {
            const auto index = order.batch(b);
            ex::nn::gather_columns(d.train_x, index, xb, parallel_for_of(train));
            ex::nn::gather_one_hot(d.train_labels, index, yb);
            benchmark::DoNotOptimize(train(p, g, Net::x = xb, Net::y = yb));
            adam.options.learning_rate = bench::epoch::cosine_rate(step++, total);
            adam.step(p, g, parallel_for_of(train));
        }
    }
    double test_accuracy() { return bench::epoch::accuracy(infer(p, Net::x = d.test_x), d.test_labels); }
};

}  // namespace

BENCH_EPOCH(task::fashion, "exprnet", exprnet_epoch<bench::nets::fashion, one_thread>);
BENCH_EPOCH(task::cifar, "exprnet", exprnet_epoch<bench::nets::two_layer<3072>, one_thread>);
BENCH_EPOCH(task::fashion, "exprnet_2t", exprnet_epoch<bench::nets::fashion, two_threads>);
BENCH_EPOCH(task::cifar, "exprnet_2t", exprnet_epoch<bench::nets::two_layer<3072>, two_threads>);
