// The end-to-end benchmark's data, FLOP counts and registration (epoch_common.hpp).
#include "epoch_common.hpp"

#include <exprnet/io/error.hpp>
#include <exprnet/io/idx.hpp>
#include <exprnet/nn/random.hpp>

#include <filesystem>
#include <map>

namespace bench::epoch {

namespace {

const char* const fashion_dir = "/usr/share/datasets/fashion-mnist";

dataset load_fashion(std::string& missing) {
    const std::filesystem::path dir = fashion_dir;
    const char* files[] = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                           "t10k-labels-idx1-ubyte.gz"};
    for (const char* f : files)
        if (!std::filesystem::exists(dir / f)) {
            missing = std::string("Fashion-MNIST is not installed (") + (dir / f).string() +
                      " is missing): apt-get install dataset-fashion-mnist";
            return {};
        }
    dataset d;
    try {
        auto train = exprnet::io::read_idx_pair(dir / files[0], dir / files[1]);
        auto test = exprnet::io::read_idx_pair(dir / files[2], dir / files[3]);
        d.train_x = std::move(train.images.pixels);
        d.test_x = std::move(test.images.pixels);
        d.train_labels.assign(train.labels.begin(), train.labels.end());
        d.test_labels.assign(test.labels.begin(), test.labels.end());
    } catch (const exprnet::io::error& e) {
        missing = e.what();
        return {};
    }
    return d;
}

/// As bench/epoch_pytorch.py's cifar_like_data: 10 classes, each a mean image m_c uniform in
/// [0, 1) (stream 2); sample j has label bits(3, j) mod 10 and pixels 0.1 m_label + 0.9 u,
/// u uniform in [0, 1) (stream 1), computed in double and rounded once: a faint class signal
/// in strong noise, which a net learns over the epochs without reaching 100 %.
dataset make_cifar_like() {
    constexpr int inputs = 3072, classes = 10, train = 10000, test = 2000, n = train + test;
    const exprnet::nn::counter_rng rng{3072};
    const auto unit = [&](std::uint64_t stream, long k) { return double(rng.bits24(stream, std::uint64_t(k))) * 0x1p-24; };
    dataset d;
    d.train_x.resize(inputs, train);
    d.test_x.resize(inputs, test);
    for (int j = 0; j < n; ++j) {
        const int label = int(rng.bits(3, std::uint64_t(j)) % classes);
        (j < train ? d.train_labels : d.test_labels).push_back(label);
        auto column = j < train ? d.train_x.col(j) : d.test_x.col(j - train);
        for (int i = 0; i < inputs; ++i)
            column(i) = float(0.1 * unit(2, long(label) * inputs + i) + 0.9 * unit(1, long(j) * inputs + i));
    }
    return d;
}

}  // namespace

const task_info& info(task t) {
    static const task_info infos[] = {{"epoch_fashion_784_256_128_10", {784, 256, 128, 10}},
                                      {"epoch_cifar_3072_100_10", {3072, 100, 10}}};
    return infos[int(t)];
}

const dataset& data(task t, std::string& missing) {
    static std::map<task, std::pair<dataset, std::string>> cache;
    auto it = cache.find(t);
    if (it == cache.end()) {
        std::string why;
        dataset d = t == task::fashion ? load_fashion(why) : make_cifar_like();
        it = cache.emplace(t, std::make_pair(std::move(d), why)).first;
    }
    missing = it->second.second;
    return it->second.first;
}

double flops_per_epoch(task t) {
    const auto& s = info(t).sizes;
    double per_sample = 0;
    for (std::size_t l = 0; l + 1 < s.size(); ++l) per_sample += 2.0 * s[l] * s[l + 1];     // forward, weight gradient
    for (std::size_t l = 1; l + 1 < s.size(); ++l) per_sample += double(s[l]) * s[l + 1];  // input gradient
    std::string missing;
    const long samples = long(data(t, missing).train_x.cols()) / batch * batch;
    return 2.0 * per_sample * double(samples);
}

double accuracy(const Eigen::MatrixXf& scores, const std::vector<int>& labels) {
    long right = 0;
    for (Eigen::Index j = 0; j < scores.cols(); ++j) {
        Eigen::Index row = 0;
        scores.col(j).maxCoeff(&row);
        right += row == labels[std::size_t(j)];
    }
    return scores.cols() ? double(right) / double(scores.cols()) : 0.0;
}

void add(task t, const std::string& system, void (*fn)(benchmark::State&)) {
    benchmark::RegisterBenchmark((std::string(info(t).name) + "/" + system).c_str(), fn)
        ->Iterations(1)
        ->Repetitions(epochs)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
}

}  // namespace bench::epoch
