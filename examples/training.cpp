// Training a classifier with exprnet's training pieces (docs/training.md): He initialisation,
// shuffled mini-batches, Adam with a cosine schedule, accuracy on held-out data.
#include <exprnet/exprnet.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

using namespace exprnet;

// The network: 2 features -> 32 relu -> 3 classes, softmax cross-entropy.
constexpr auto x = input<"x", 2>;
constexpr auto y = input<"y", 3>;
constexpr auto W1 = param<"W1", 32, 2>;
constexpr auto b1 = param<"b1", 32>;
constexpr auto W2 = param<"W2", 3, 32>;
constexpr auto b2 = param<"b2", 3>;
constexpr auto scores = W2 * relu(W1 * x + b1) + b2;
constexpr auto loss = softmax_cross_entropy(scores, y);

// Three classes on rings of radius 0.3, 0.6 and 0.9 around the origin, with noise.
void make_rings(long n, std::uint64_t seed, Eigen::MatrixXf& points, std::vector<int>& labels) {
    const nn::counter_rng rng{seed};
    points.resize(2, n);
    labels.resize(std::size_t(n));
    for (long i = 0; i < n; ++i) {
        const int k = int(i % 3);
        const double angle = rng.uniform(0, std::uint64_t(i), 3.14159265358979);
        const double radius = 0.3 * (k + 1) + rng.normal(1, std::uint64_t(i), 0.05);
        points(0, i) = float(radius * std::cos(angle));
        points(1, i) = float(radius * std::sin(angle));
        labels[std::size_t(i)] = k;
    }
}

int main() {
    Eigen::MatrixXf train_x, test_x;
    std::vector<int> train_labels, test_labels;
    make_rings(1500, 1, train_x, train_labels);
    make_rings(600, 2, test_x, test_labels);

    constexpr int batch_size = 50;
    auto train = compile<batch<batch_size>>(loss, wrt(W1, b1, W2, b2));
    auto infer = compile<dynamic_batch>(scores);
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    nn::initialize(p, nn::he_normal, 42);

    constexpr int epochs = 30;
    nn::batch_order order(train_x.cols(), batch_size, 7);
    nn::adam<decltype(p)> adam({.learning_rate = 0.02});
    const nn::cosine_decay schedule{0.02, epochs * order.batches(), 0.001};

    Eigen::Matrix<float, 2, batch_size> xb;
    Eigen::Matrix<float, 3, batch_size> yb;
    long step = 0;
    for (int epoch = 0; epoch < epochs; ++epoch) {
        order.shuffle(epoch);
        double total = 0;
        for (long b = 0; b < order.batches(); ++b) {
            nn::gather_columns(train_x, order.batch(b), xb);
            nn::gather_one_hot(train_labels, order.batch(b), yb);
            total += train(p, g, x = xb, y = yb);  // forward + backward: gradients into g
            adam.options.learning_rate = schedule(step++);
            adam.step(p, g);                       // one pass over the parameter arena
        }
        if (epoch % 10 == 9)
            std::printf("epoch %2d  mean loss %.4f  train accuracy %.3f\n", epoch + 1, total / double(order.batches()),
                        nn::accuracy(infer(p, x = train_x), train_labels));
    }
    const double test_accuracy = nn::accuracy(infer(p, x = test_x), test_labels);
    std::printf("test accuracy: %.4f\n", test_accuracy);
    return test_accuracy > 0.95 ? 0 : 1;
}
