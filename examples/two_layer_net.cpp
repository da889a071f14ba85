// The two-layer network of CS231n lecture 4, f = W2 max(0, W1 x), on CIFAR-10-sized inputs
// (3072 = 32x32x3 values -> 100 hidden units -> 10 class scores), trained with softmax
// cross-entropy and plain SGD on a synthetic, seeded, learnable data set: 10 Gaussian class
// prototypes plus noise. One step's gradients are checked against a hand-written Eigen backward
// pass; the program returns non-zero if they differ.
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <random>
#include <type_traits>

using namespace exprnet;
using namespace exprnet::literals;

constexpr int dims = 3072, hidden = 100, classes = 10, batch_size = 64;

constexpr auto x  = input<"x", dims>;        // one image per column
constexpr auto y  = input<"y", classes>;     // its one-hot label
constexpr auto W1 = param<"W1", hidden, dims>;
constexpr auto W2 = param<"W2", classes, hidden>;

constexpr auto scores = W2 * max(0_c, W1 * x);  // the lecture's formula, as written
constexpr auto loss = softmax_cross_entropy(scores, y) + 1e-4_c * (sum_sq(W1) + sum_sq(W2));

// max(0, h) and relu(h) are one node type: identity is structure.
static_assert(std::is_same_v<std::remove_const_t<decltype(scores)>, decltype(W2 * relu(W1 * x))>);

using matrix = Eigen::MatrixXf;

// The synthetic data set: sample i belongs to class i % 10 and is that class's prototype plus
// unit Gaussian noise; prototypes are small (0.15 per pixel), so the classes overlap in every
// pixel and only a combination of many pixels tells them apart.
struct data_set {
    matrix images, labels;
};
data_set make_data(int n, std::mt19937& rng, const matrix& prototypes) {
    std::normal_distribution<float> noise(0.0f, 1.0f);
    data_set d{matrix(dims, n), matrix::Zero(classes, n)};
    for (int i = 0; i < n; ++i) {
        d.images.col(i) = prototypes.col(i % classes).unaryExpr([&](float m) { return m + noise(rng); });
        d.labels(i % classes, i) = 1.0f;
    }
    return d;
}

// Fraction of columns whose highest score is the labelled class.
double accuracy(const matrix& s, const matrix& labels) {
    int right = 0;
    for (Eigen::Index j = 0; j < s.cols(); ++j) {
        Eigen::Index predicted = 0, actual = 0;
        s.col(j).maxCoeff(&predicted);
        labels.col(j).maxCoeff(&actual);
        right += predicted == actual;
    }
    return double(right) / double(s.cols());
}

// The same loss and gradients written by hand with Eigen, the way the lecture derives them.
struct reference {
    float loss;
    matrix dW1, dW2;
};
reference by_hand(const matrix& w1, const matrix& w2, const matrix& xb, const matrix& yb) {
    const matrix h = (w1 * xb).cwiseMax(0.0f);                   // max(0, W1 x)
    const matrix s = w2 * h;
    matrix p = (s.rowwise() - s.colwise().maxCoeff()).array().exp().matrix();
    p = p.array().rowwise() / p.colwise().sum().array();         // softmax per column
    const float n = float(xb.cols());
    const float data_loss = -(yb.array() * p.array().log()).sum() / n;
    const float reg = 1e-4f * (w1.squaredNorm() + w2.squaredNorm());
    const matrix ds = (p - yb) / n;                              // softmax-CE: p - y
    const matrix dh = w2.transpose() * ds;                       // matmul: W2ᵀ G
    const matrix dz = dh.cwiseProduct((h.array() > 0.0f).cast<float>().matrix());  // max routes
    return {data_loss + reg, dz * xb.transpose() + 2e-4f * w1, ds * h.transpose() + 2e-4f * w2};
}

float max_relative_error(const matrix& a, const matrix& b) {
    return (a - b).cwiseAbs().maxCoeff() / std::max(1e-12f, b.cwiseAbs().maxCoeff());
}

int main() {
    std::printf("network:  %s\nloss:     %s\n", to_string(scores).c_str(), to_string(loss).c_str());
    std::printf("dL/dW2 = %s\n", to_string(grad(loss, W2)).c_str());
    std::printf("dL/dW1 = %s\n\n", to_string(grad(loss, W1)).c_str());

    // A program holds its workspace inline (see the figures below): static, not on the stack.
    static auto train = compile<batch<batch_size>>(loss, wrt(W1, W2));
    static auto infer = compile<batch<batch_size>>(scores);
    using train_t = decltype(train);
    using infer_t = decltype(infer);
    static_assert(train_t::parameter_count == hidden * dims + classes * hidden);
    std::printf("parameters: %zu (%zu KB as float)\n", train_t::parameter_count, train_t::parameter_count * 4 / 1024);
    std::printf("training program: %d steps, workspace %zu bytes for batch<%d>, %ld multiply-adds per sample\n",
                train_t::step_count, train_t::workspace_bytes, batch_size, train_t::multiply_adds_per_sample);
    std::printf("inference program: %d steps, workspace %zu bytes, %ld multiply-adds per sample\n\n",
                infer_t::step_count, infer_t::workspace_bytes, infer_t::multiply_adds_per_sample);

    // Arenas are ~1.2 MB each: on the heap, not on the stack.
    auto p = std::make_unique<params_for<decltype(loss)>>();
    auto g = std::make_unique<grads_for<decltype(loss)>>();

    std::mt19937 rng(231);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    const auto gaussian = [&](float scale) { return [&, scale](float) { return scale * normal(rng); }; };
    (*p)[W1] = (*p)[W1].unaryExpr(gaussian(std::sqrt(2.0f / dims)));  // He initialisation
    (*p)[W2] = (*p)[W2].unaryExpr(gaussian(std::sqrt(2.0f / hidden)));

    const matrix prototypes = matrix::Zero(dims, classes).unaryExpr(gaussian(0.15f));
    const data_set training = make_data(20 * batch_size, rng, prototypes);
    const data_set held_out = make_data(10 * batch_size, rng, prototypes);

    // One step checked against the hand-written backward pass.
    {
        const auto xb = training.images.leftCols(batch_size);
        const auto yb = training.labels.leftCols(batch_size);
        const float L = train(*p, *g, x = xb, y = yb);
        const reference r = by_hand((*p)[W1], (*p)[W2], xb, yb);
        const float e1 = max_relative_error((*g)[W1], r.dW1), e2 = max_relative_error((*g)[W2], r.dW2);
        std::printf("check vs hand-written Eigen: loss %.6f vs %.6f, dW1 error %.1e, dW2 error %.1e\n", L, r.loss, e1, e2);
        if (std::abs(L - r.loss) > 1e-4f * std::abs(r.loss) || e1 > 1e-4f || e2 > 1e-4f) {
            std::printf("FAILED: exprnet and the hand-written backward pass disagree\n");
            return 1;
        }
    }

    const auto evaluate = [&](const data_set& d) {
        matrix s(classes, d.images.cols());
        for (Eigen::Index j = 0; j < d.images.cols(); j += batch_size)
            s.middleCols(j, batch_size) = infer(*p, x = d.images.middleCols(j, batch_size));
        return accuracy(s, d.labels);
    };

    const float learning_rate = 0.05f;
    const int steps = 200, batches = int(training.images.cols()) / batch_size;
    float first = 0.0f, last = 0.0f, running = 0.0f;
    const auto start = std::chrono::steady_clock::now();
    for (int step = 0; step < steps; ++step) {
        const int b = step % batches;
        // Fused SGD: each gradient is subtracted from its weights as it is computed (the
        // 100x3072 product of dL/dW1 accumulates straight into W1); no gradient is stored.
        last = train(*p, sgd{learning_rate}, x = training.images.middleCols(b * batch_size, batch_size),
                     y = training.labels.middleCols(b * batch_size, batch_size));
        if (step == 0) first = last;
        running += last;
        if ((step + 1) % (2 * batches) == 0) {
            std::printf("step %3d  mean loss of the last %d steps %.4f\n", step + 1, 2 * batches, running / (2 * batches));
            running = 0.0f;
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double train_accuracy = evaluate(training), test_accuracy = evaluate(held_out);
    std::printf("\n%d SGD steps of batch %d in %.2f s; loss %.4f -> %.4f\n", steps, batch_size, seconds, first, last);
    std::printf("training accuracy %.1f%%, held-out accuracy %.1f%% (chance: 10%%)\n", 100 * train_accuracy,
                100 * test_accuracy);
    if (!(last < 0.1f * first) || train_accuracy < 0.9 || test_accuracy < 0.5) {
        std::printf("FAILED: the network did not learn\n");
        return 1;
    }
    return 0;
}
