// Fashion-MNIST (Xiao, Rasul and Vollgraf 2017; Debian's dataset-fashion-mnist): a ReLU MLP,
// 784 -> 256 -> 128 -> 10, trained with softmax cross-entropy and Adam on a cosine schedule,
// on shuffled mini-batches of 128; evaluated on the 10,000 test images after every epoch.
// Each batch is split in two parts of 64 that train on two threads (eval/data_parallel.hpp);
// `--threads 1` runs both parts on one, with the same results bit for bit.
// The last line printed is `test accuracy: 0.xxxx`. See docs/fashion-mnist.md.
//
//   fashion_mnist [--epochs N] [--train-subset N] [--test-subset N] [--data DIR] [--save PATH]
//                 [--min-accuracy A] [--threads 1|2]
//
// Exit codes: 0 done, 1 bad data or test accuracy below --min-accuracy, 2 bad arguments,
// 3 the data is not installed.
#include "net.hpp"

#include <exprnet/eval/data_parallel.hpp>
#include <exprnet/exprnet.hpp>
#include <exprnet/io/idx.hpp>
// The .npz writer is another piece of io/; --save works where it is present.
#if __has_include(<exprnet/io/npz.hpp>)
#include <exprnet/io/npz.hpp>
#define FASHION_MNIST_CAN_SAVE 1
#else
#define FASHION_MNIST_CAN_SAVE 0
#endif

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

using namespace exprnet;
using namespace fashion;
namespace fs = std::filesystem;

constexpr int exit_bad_data = 1, exit_bad_arguments = 2, exit_no_data = 3;

struct options {
    int epochs = 20;
    long train_subset = 0;  // 0: all
    long test_subset = 0;
    fs::path data = "/usr/share/datasets/fashion-mnist";
    fs::path save;
    double min_accuracy = 0;
    int threads = 2;
};

bool parse(int argc, char** argv, options& o) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc) {
            std::fprintf(stderr, "fashion_mnist: %s needs a value\n", arg.c_str());
            return false;
        }
        const char* value = argv[++i];
        char* end = nullptr;
        if (arg == "--epochs") o.epochs = int(std::strtol(value, &end, 10));
        else if (arg == "--train-subset") o.train_subset = std::strtol(value, &end, 10);
        else if (arg == "--test-subset") o.test_subset = std::strtol(value, &end, 10);
        else if (arg == "--min-accuracy") o.min_accuracy = std::strtod(value, &end);
        else if (arg == "--threads") o.threads = int(std::strtol(value, &end, 10));
        else if (arg == "--data") o.data = value;
        else if (arg == "--save") o.save = value;
        else {
            std::fprintf(stderr, "fashion_mnist: unknown option %s\n", arg.c_str());
            return false;
        }
        if (end && (*end != '\0' || end == value)) {
            std::fprintf(stderr, "fashion_mnist: %s wants a number, not '%s'\n", arg.c_str(), value);
            return false;
        }
    }
    if (o.epochs < 1 || o.train_subset < 0 || o.test_subset < 0) {
        std::fprintf(stderr, "fashion_mnist: --epochs must be at least 1 and subsets not negative\n");
        return false;
    }
    if (o.threads != 1 && o.threads != 2) {
        std::fprintf(stderr, "fashion_mnist: --threads is 1 or 2 (the batch's two parts)\n");
        return false;
    }
    if (!o.save.empty() && !FASHION_MNIST_CAN_SAVE) {
        std::fprintf(stderr, "fashion_mnist: --save needs <exprnet/io/npz.hpp>, which this exprnet does not have\n");
        return false;
    }
    return true;
}

// One line per epoch, redrawn in place on a terminal; elsewhere (a log, CTest) printed at each
// quarter of the epoch, as plain lines.
class progress_bar {
public:
    progress_bar() : tty_(::isatty(STDOUT_FILENO) == 1) {}

    void start(int epoch, int epochs, long total) {
        epoch_ = epoch, epochs_ = epochs, total_ = total, next_quarter_ = 1;
        start_ = last_draw_ = clock::now();
    }
    void update(long done, double mean_loss, double running_accuracy, bool last) {
        const auto now = clock::now();
        const bool due = tty_ ? now - last_draw_ >= std::chrono::milliseconds(100) : done * 4 >= next_quarter_ * total_;
        if (!due && !last) return;
        last_draw_ = now;
        next_quarter_ = done * 4 / total_ + 1;
        const double seconds = std::chrono::duration<double>(now - start_).count();
        constexpr int width = 24;
        char bar[width + 1];
        const int filled = int(double(width) * double(done) / double(total_));
        for (int i = 0; i < width; ++i) bar[i] = i < filled ? '#' : '.';
        bar[width] = '\0';
        std::printf("%sepoch %2d/%d [%s] %6ld/%ld  loss %.4f  acc %.4f  %6.0f samples/s%s", tty_ ? "\r" : "", epoch_, epochs_,
                    bar, done, total_, mean_loss, running_accuracy, seconds > 0 ? double(done) / seconds : 0.0,
                    tty_ && !last ? "" : "\n");
        std::fflush(stdout);
    }
    double seconds() const { return std::chrono::duration<double>(clock::now() - start_).count(); }

private:
    using clock = std::chrono::steady_clock;
    bool tty_;
    int epoch_ = 0, epochs_ = 0;
    long total_ = 1, next_quarter_ = 1;
    clock::time_point start_, last_draw_;
};

int main(int argc, char** argv) {
    const char* usage =
        "usage: fashion_mnist [--epochs N] [--train-subset N] [--test-subset N] [--data DIR] [--save PATH]\n"
        "                     [--min-accuracy A] [--threads 1|2]\n";
    if (argc == 2 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0)) {
        std::printf("%s", usage);
        return 0;
    }
    options opt;
    if (!parse(argc, argv, opt)) {
        std::fprintf(stderr, "%s", usage);
        return exit_bad_arguments;
    }

    const char* files[] = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                           "t10k-labels-idx1-ubyte.gz"};
    for (const char* f : files)
        if (!fs::exists(opt.data / f)) {
            std::fprintf(stderr,
                         "fashion_mnist: the Fashion-MNIST data is not installed: %s is missing.\n"
                         "Install it with `apt-get install dataset-fashion-mnist` (Debian 12), or pass --data DIR\n"
                         "for a directory holding %s, %s, %s and %s.\n",
                         (opt.data / f).c_str(), files[0], files[1], files[2], files[3]);
            return exit_no_data;
        }

    io::labelled_images train_set, test_set;
    try {
        train_set = io::read_idx_pair(opt.data / files[0], opt.data / files[1]);
        test_set = io::read_idx_pair(opt.data / files[2], opt.data / files[3]);
    } catch (const io::error& e) {
        std::fprintf(stderr, "fashion_mnist: %s\n", e.what());
        return exit_bad_data;
    }
    // Subsets are the first N images (both files are in no particular class order).
    const long n_train = opt.train_subset ? std::min(opt.train_subset, train_set.images.count) : train_set.images.count;
    const long n_test = opt.test_subset ? std::min(opt.test_subset, test_set.images.count) : test_set.images.count;
    const auto train_x = train_set.images.pixels.leftCols(n_train);
    const Eigen::MatrixXf test_x = test_set.images.pixels.leftCols(n_test);
    const std::vector<int> train_labels(train_set.labels.begin(), train_set.labels.begin() + n_train);
    const std::vector<int> test_labels(test_set.labels.begin(), test_set.labels.begin() + n_test);
    if (n_train < batch_size) {
        std::fprintf(stderr, "fashion_mnist: --train-subset must be at least one batch (%d images)\n", batch_size);
        return exit_bad_arguments;
    }

    // Two parts of 64 columns, on opt.threads threads: the same bits either way. The gather and
    // Adam's step run on the training program's threads too (train.parallel_for()).
    auto train = parallel<2>(compile<batch<batch_size / 2>>(loss, wrt(W1, b1, W2, b2, W3, b3)), opt.threads);
    auto forward = parallel<2>(compile<batch<batch_size / 2>>(scores), opt.threads);  // the running accuracy, every 8th batch
    auto infer = compile<dynamic_batch>(scores);  // the whole test set in one call
    infer.reserve(std::max(n_test, 1L));
    // About 1 MB each (235,146 floats): static, not on the stack; Adam keeps two more.
    static params_for<decltype(loss)> p;
    static grads_for<decltype(loss)> g;
    nn::initialize(p, nn::he_normal, 2017);

    nn::batch_order order(n_train, batch_size, 1);
    const long steps = long(opt.epochs) * order.batches();
    static nn::adam<params_for<decltype(loss)>> adam({.learning_rate = 1e-3});
    const nn::cosine_decay schedule{1e-3, steps, 1e-5};

    std::printf("Fashion-MNIST from %s: %ld training images, %ld test images, %ldx%ld pixels\n", opt.data.c_str(), n_train,
                n_test, train_set.images.rows, train_set.images.cols);
    std::printf("network: %s, %zu parameters\n", to_string(scores).c_str(), decltype(p)::parameter_count);
    std::printf("training: Adam, learning rate 1e-3 with cosine decay to 1e-5, batch %d, %d epoch(s) of %ld batches, "
                "%d thread(s)\n",
                batch_size, opt.epochs, order.batches(), train.threads());

    Eigen::MatrixXf xb(pixels, batch_size), yb(classes, batch_size);  // 400 KB: too big for the stack
    progress_bar bar;
    long step = 0;
    double accuracy = 0, total_seconds = 0;
    for (int epoch = 1; epoch <= opt.epochs; ++epoch) {
        order.shuffle(epoch);
        bar.start(epoch, opt.epochs, order.batches() * batch_size);
        double loss_sum = 0;
        long right = 0, seen = 0;
        for (long b = 0; b < order.batches(); ++b) {
            const auto index = order.batch(b);
            nn::gather_columns(train_x, index, xb, train.parallel_for());
            nn::gather_one_hot(train_labels, index, yb);
            if (b % 8 == 0) {  // a sample of the batches: a forward pass costs half a training step
                const auto predicted = forward(p, x = xb);
                for (int k = 0; k < batch_size; ++k) {
                    Eigen::Index row = 0;
                    predicted.col(k).maxCoeff(&row);
                    right += row == train_labels[std::size_t(index[std::size_t(k)])];
                }
                seen += batch_size;
            }
            loss_sum += train(p, g, x = xb, y = yb);
            adam.options.learning_rate = schedule(step++);
            adam.step(p, g, train.parallel_for());
            const long done = (b + 1) * batch_size;
            bar.update(done, loss_sum / double(b + 1), double(right) / double(seen), b + 1 == order.batches());
        }
        const double seconds = bar.seconds();
        total_seconds += seconds;
        accuracy = nn::accuracy(infer(p, x = test_x), test_labels);
        std::printf("epoch %2d/%d: %.2f s, test accuracy %.4f\n", epoch, opt.epochs, seconds, accuracy);
    }
    std::printf("%d epoch(s) in %.1f s, %.2f s per epoch\n", opt.epochs, total_seconds, total_seconds / opt.epochs);

#if FASHION_MNIST_CAN_SAVE
    if (!opt.save.empty()) {
        try {
            io::save_npz(opt.save, p);
            std::printf("weights saved to %s\n", opt.save.c_str());
        } catch (const io::error& e) {
            std::fprintf(stderr, "fashion_mnist: %s\n", e.what());
            return exit_bad_data;
        }
    }
#endif
    std::printf("test accuracy: %.4f\n", accuracy);
    return accuracy >= opt.min_accuracy ? 0 : exit_bad_data;
}
