// Double backprop on the classify2d spiral net (docs/second-order.md): the same 2-100-3 ReLU net,
// the same data, the same initial weights and the same 6000 full-batch Adam steps, trained
// twice: on the cross-entropy alone, and on the cross-entropy plus Drucker & LeCun's
// input-gradient penalty 10 * sum_sq(dL/dx). It prints both losses and accuracies, two measures
// of smoothness computed from a forward program alone (finite differences of the scores on a grid
// of the plane, and how many pixels of the picture lie on a class boundary), the penalty checked
// by finite differences, and the cost of a training step with and without the penalty. It draws
// both decision boundaries side by side (docs/gradient_penalty.png), and fails unless both nets
// fit 97% of the points, the penalised net's scores are at most half as steep and its boundaries
// shorter, and the penalty agrees with finite differences.
//
//   example.gradient_penalty [output-directory]     (default: gradient_penalty-out)
#include "../classify2d/png.hpp"
#include "../classify2d/render.hpp"
#include "../classify2d/spiral.hpp"
#include "../classify2d/spiral_net.hpp"
#include "penalised_net.hpp"

#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

using namespace exprnet::literals;
using namespace classify2d;
using gradient_penalty::penalised_net;

using plain_net = penalised_net<100, 0_c>;
using penalty_net = penalised_net<100, 10_c>;
// The same parameter arena (and nn::initialize draws each param from its name and shape): both
// nets start from the same weights.
static_assert(std::is_same_v<plain_net::params, penalty_net::params>);

using points_t = Eigen::Matrix<float, 2, Eigen::Dynamic>;
using clock_type = std::chrono::steady_clock;

namespace {

double seconds_since(clock_type::time_point start) {
    return std::chrono::duration<double>(clock_type::now() - start).count();
}

/// Each sample's cross-entropy, -log softmax(s)[label], in double from float scores.
std::vector<double> sample_losses(const Eigen::Matrix<float, classes, Eigen::Dynamic>& scores, const std::vector<int>& labels) {
    std::vector<double> out(labels.size());
    for (std::size_t j = 0; j < labels.size(); ++j) {
        const Eigen::Matrix<double, classes, 1> s = scores.col(Eigen::Index(j)).cast<double>();
        const double top = s.maxCoeff();
        out[j] = top + std::log((s.array() - top).exp().sum()) - s(labels[j]);
    }
    return out;
}

/// The labels as the columns of the identity: the y the training programs take.
Eigen::Matrix<float, classes, sample_count> one_hot_of(const spiral_data& data) {
    Eigen::Matrix<float, classes, sample_count> y = Eigen::Matrix<float, classes, sample_count>::Zero();
    for (int j = 0; j < sample_count; ++j) y(data.labels[std::size_t(j)], j) = 1;
    return y;
}

struct outcome {
    double program_loss = 0;       // the training program's value at the final weights
    double data_loss = 0;          // mean cross-entropy, from the forward program's scores
    double penalty = 0;            // sum_sq(dL/dx), by a forward program of the penalty expression
    double penalty_fd = 0;         // the same by central differences of the per-sample losses
    double accuracy = 0;
    double mean_slope = 0;         // mean over a grid of the plane of ‖∂scores/∂x‖ (Frobenius)
    double boundary_pixels = 0;    // fraction of the picture's pixels next to another class
    double train_seconds = 0;
    rgb_image picture{1, 1};
};

template <class Net>
outcome run(const spiral_data& data, const training_options& options) {
    outcome o;
    const auto start = clock_type::now();
    const trained_net<Net> net = train<Net>(data, options);
    o.train_seconds = seconds_since(start);
    o.program_loss = net.loss;

    // Loss and accuracy, recomputed from the scores of a forward program.
    const auto scores = net.scores(data.points);
    const std::vector<double> losses = sample_losses(scores, data.labels);
    for (const double l : losses) o.data_loss += l / double(losses.size());
    const std::vector<int> predicted = exprnet::nn::argmax_columns(scores);
    int right = 0;
    for (std::size_t j = 0; j < predicted.size(); ++j) right += predicted[j] == data.labels[j];
    o.accuracy = double(right) / double(predicted.size());

    // The penalty, by a forward program of the penalty expression (an output, not a loss) ...
    const auto one_hot = one_hot_of(data);
    static auto penalty_program = exprnet::compile<exprnet::batch<sample_count>>(Net::penalty);
    o.penalty = double(penalty_program(net.p, Net::x = data.points, Net::y = one_hot)(0, 0));
    // ... and by central differences of each sample's loss in x: (1/N²) Σⱼ ‖∇ₓ lossⱼ‖².
    constexpr float h = 1e-3f;
    std::vector<double> gradient_sq(losses.size(), 0.0);
    for (int k = 0; k < 2; ++k) {
        points_t plus = data.points, minus = data.points;
        plus.row(k).array() += h;
        minus.row(k).array() -= h;
        const std::vector<double> lp = sample_losses(net.scores(plus), data.labels), lm = sample_losses(net.scores(minus), data.labels);
        for (std::size_t j = 0; j < losses.size(); ++j) gradient_sq[j] += std::pow((lp[j] - lm[j]) / (2.0 * h), 2);
    }
    for (const double g : gradient_sq) o.penalty_fd += g / double(sample_count) / double(sample_count);

    // Steepness: ‖∂scores/∂x‖ by central differences at the centres of a 200 x 200 grid of the
    // picture's square.
    const plane_view view;
    constexpr int grid = 200;
    points_t centres(2, grid * grid);
    for (int gy = 0; gy < grid; ++gy)
        for (int gx = 0; gx < grid; ++gx)
            centres.col(gy * grid + gx) = Eigen::Vector2f(float(-view.extent + (gx + 0.5) * 2 * view.extent / grid),
                                                          float(-view.extent + (gy + 0.5) * 2 * view.extent / grid));
    Eigen::ArrayXd slope_sq = Eigen::ArrayXd::Zero(grid * grid);
    for (int k = 0; k < 2; ++k) {
        points_t plus = centres, minus = centres;
        plus.row(k).array() += h;
        minus.row(k).array() -= h;
        const Eigen::MatrixXd d = (net.scores(plus) - net.scores(minus)).template cast<double>() / (2.0 * h);
        slope_sq += d.colwise().squaredNorm().transpose().array();
    }
    o.mean_slope = slope_sq.sqrt().mean();

    // The picture; its classes, row by row, are kept to measure the boundary.
    std::vector<int> classes_of_pixels;
    const auto classify = [&](const points_t& row) {
        std::vector<int> c = net.classify(row);
        classes_of_pixels.insert(classes_of_pixels.end(), c.begin(), c.end());
        return c;
    };
    o.picture = render_decision(view, classify, data.points, data.labels);
    const auto at = [&](int px, int py) { return classes_of_pixels[std::size_t(py * view.size + px)]; };
    long on_boundary = 0;
    for (int py = 0; py < view.size; ++py)
        for (int px = 0; px < view.size; ++px)
            on_boundary += (px + 1 < view.size && at(px, py) != at(px + 1, py)) || (py + 1 < view.size && at(px, py) != at(px, py + 1));
    o.boundary_pixels = double(on_boundary) / double(view.size * view.size);
    return o;
}

/// Microseconds per call (a forward and backward pass over the 300 points) of the plain and the
/// penalised training programs, timed in alternation (so both see the same load on the machine):
/// the best of 10 runs of 100 calls each.
template <class PlainProgram, class PenaltyProgram>
std::pair<double, double> microseconds_per_step(PlainProgram& plain, PenaltyProgram& penalised, const spiral_data& data) {
    plain_net::params p;  // the same arena types as penalty_net's
    plain_net::grads g;
    exprnet::nn::initialize(p, exprnet::nn::he_normal, 1);
    const auto one_hot = one_hot_of(data);
    constexpr int calls = 100;
    double best_plain = 1e300, best_penalised = 1e300;
    for (int run = 0; run < 11; ++run) {  // the first run warms up
        auto start = clock_type::now();
        for (int i = 0; i < calls; ++i) plain(p, g, plain_net::x = data.points, plain_net::y = one_hot);
        if (run > 0) best_plain = std::min(best_plain, seconds_since(start) / calls * 1e6);
        start = clock_type::now();
        for (int i = 0; i < calls; ++i) penalised(p, g, penalty_net::x = data.points, penalty_net::y = one_hot);
        if (run > 0) best_penalised = std::min(best_penalised, seconds_since(start) / calls * 1e6);
    }
    return {best_plain, best_penalised};
}

}  // namespace

int main(int argc, char** argv) {
    const std::string_view first = argc > 1 ? argv[1] : "";
    if (argc > 2 || first == "--help" || first == "-h") {
        std::printf("usage: %s [output-directory]   (default: gradient_penalty-out)\n", argv[0]);
        return argc > 2 ? 2 : 0;
    }
    const std::filesystem::path out_dir = argc > 1 ? first : "gradient_penalty-out";

    std::printf("scores:  %s\n", to_string(penalty_net::scores).c_str());
    std::printf("penalty: %s\n", to_string(penalty_net::penalty).c_str());
    std::printf("         = (1/N²) Σⱼ ‖∇ₓ lossⱼ‖², the mean squared input gradient of the N = %d samples' losses, over N\n",
                sample_count);
    std::printf("loss:    cross-entropy + %g * penalty (no L2)\n\n", penalty_net::lambda);

    // Static: a batch<300> program holds its workspace (below) in the object.
    static auto plain_program = exprnet::compile<exprnet::batch<sample_count>>(
        plain_net::loss, exprnet::wrt(plain_net::W1, plain_net::b1, plain_net::W2, plain_net::b2));
    static auto penalty_program = exprnet::compile<exprnet::batch<sample_count>>(
        penalty_net::loss, exprnet::wrt(penalty_net::W1, penalty_net::b1, penalty_net::W2, penalty_net::b2));
    using plain_t = std::remove_cvref_t<decltype(plain_program)>;
    using penalty_t = std::remove_cvref_t<decltype(penalty_program)>;
    std::printf("training programs (the loss and its 4 gradients):\n");
    std::printf("  plain      %2zu nodes, %2d steps, %5ld multiply-adds per sample, %6zu bytes of workspace\n",
                plain_t::nodes::size, plain_t::step_count, plain_t::multiply_adds_per_sample, plain_t::workspace_bytes);
    std::printf("  penalised  %2zu nodes, %2d steps, %5ld multiply-adds per sample, %6zu bytes of workspace\n",
                penalty_t::nodes::size, penalty_t::step_count, penalty_t::multiply_adds_per_sample, penalty_t::workspace_bytes);
    std::printf("\n");

    const spiral_data data = make_spiral(points_per_class, classes, 1);
    const training_options options;
    std::printf("data: %d spiral points, %d classes; hidden %d; full-batch Adam, %d steps, learning rate %g, He init (seed %llu)\n\n",
                sample_count, classes, penalty_net::hidden, options.steps, options.learning_rate,
                static_cast<unsigned long long>(options.seed));

    const outcome plain = run<plain_net>(data, options);
    const outcome penalised = run<penalty_net>(data, options);

    std::printf("                                         no penalty   penalty %g\n", penalty_net::lambda);
    std::printf("training loss (the program's)            %10.4f  %11.4f\n", plain.program_loss, penalised.program_loss);
    std::printf("  cross-entropy (from forward scores)    %10.4f  %11.4f\n", plain.data_loss, penalised.data_loss);
    std::printf("  penalty sum_sq(dL/dx) (forward)        %10.3g  %11.3g\n", plain.penalty, penalised.penalty);
    std::printf("  the same by finite differences         %10.3g  %11.3g\n", plain.penalty_fd, penalised.penalty_fd);
    std::printf("training accuracy                        %10.4f  %11.4f\n", plain.accuracy, penalised.accuracy);
    std::printf("mean |dscores/dx| on a 200x200 grid      %10.2f  %11.2f\n", plain.mean_slope, penalised.mean_slope);
    std::printf("pixels on a class boundary (400x400)     %9.3f%%  %10.3f%%\n", 100 * plain.boundary_pixels,
                100 * penalised.boundary_pixels);
    std::printf("training time (%d steps)               %9.2f s  %9.2f s\n\n", options.steps, plain.train_seconds,
                penalised.train_seconds);

    const auto [plain_us, penalty_us] = microseconds_per_step(plain_program, penalty_program, data);
    std::printf("one training step (loss and gradients of 300 points): plain %.0f us, penalised %.0f us (%.2fx)\n",
                plain_us, penalty_us, penalty_us / plain_us);
    const double slope_ratio = plain.mean_slope / penalised.mean_slope;
    std::printf("the penalty makes the scores %.2fx less steep and the boundary %.0f%% shorter\n", slope_ratio,
                100 * (1 - penalised.boundary_pixels / plain.boundary_pixels));

    try {
        std::filesystem::create_directories(out_dir);
        char plain_caption[64], penalty_caption[64];
        std::snprintf(plain_caption, sizeof plain_caption, "no penalty, acc %.1f%%, slope %.0f", 100 * plain.accuracy,
                      plain.mean_slope);
        std::snprintf(penalty_caption, sizeof penalty_caption, "penalty %g, acc %.1f%%, slope %.0f", penalty_net::lambda,
                      100 * penalised.accuracy, penalised.mean_slope);
        const std::filesystem::path path = out_dir / "gradient_penalty.png";
        write_png(path, contact_sheet({plain.picture, penalised.picture}, {plain_caption, penalty_caption}, 2));
        std::printf("decision boundaries (left: no penalty; right: penalty %g): %s\n", penalty_net::lambda, path.string().c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gradient_penalty: %s\n", e.what());
        return 1;
    }

    // The example's checks: both nets fit the spirals; the penalised net's scores are at most half
    // as steep; the penalty the program trained on is the one finite differences measure; the
    // training program's loss is the cross-entropy plus lambda times that penalty.
    bool ok = true;
    const auto check = [&](bool condition, const char* what) {
        if (!condition) std::printf("FAILED: %s\n", what);
        ok = ok && condition;
    };
    check(plain.accuracy >= 0.97 && penalised.accuracy >= 0.97, "both nets fit at least 97% of the training points");
    check(slope_ratio >= 2.0, "the penalty at least halves the mean |dscores/dx| over the plane");
    check(penalised.boundary_pixels < plain.boundary_pixels, "the penalised net's class boundaries are shorter");
    const auto check_loss = [&](const outcome& o, double lambda) {
        check(std::abs(o.penalty - o.penalty_fd) <= 0.05 * o.penalty_fd, "the penalty agrees with finite differences within 5%");
        check(std::abs(o.program_loss - (o.data_loss + lambda * o.penalty)) <= 1e-3 * o.program_loss,
              "the training loss is the cross-entropy plus lambda times the penalty (within 0.1%)");
    };
    check_loss(plain, plain_net::lambda);
    check_loss(penalised, penalty_net::lambda);
    return ok ? 0 : 1;
}
