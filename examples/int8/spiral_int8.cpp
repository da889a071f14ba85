// The classify2d spiral net (2 -> 20 ReLU -> 3, L2 0.001: docs/classify2d.md), trained in float,
// quantized to int8 on its 300 training points, and both decision boundaries drawn side by side
// (docs/int8.md): the training accuracy of each, and how much of the plane changes class.
//
//   example.int8.spiral [output.png]     (default: spiral_int8.png)
#include "../classify2d/png.hpp"
#include "../classify2d/render.hpp"
#include "../classify2d/spiral.hpp"
#include "../classify2d/spiral_net.hpp"

#include <exprnet/quant.hpp>

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

using namespace exprnet;
using namespace exprnet::literals;
using namespace classify2d;

int main(int argc, char** argv) try {
    const std::string out = argc > 1 ? argv[1] : "spiral_int8.png";
    using net = spiral_net<20, 0.001_c>;
    const auto data = make_spiral(points_per_class, classes, 1);
    const auto trained = train<net>(data);

    using scores_t = std::remove_const_t<decltype(net::scores)>;
    quant::qparams_for<scores_t> q;
    quant::quantize(net::scores, trained.p, data.points, q);
    auto int8_program = quant::compile<batch<1>>(net::scores);
    const auto by_int8 = [&](const Eigen::Matrix<float, 2, Eigen::Dynamic>& points) {
        std::vector<int> classes(std::size_t(points.cols()));
        for (Eigen::Index j = 0; j < points.cols(); ++j)
            classes[std::size_t(j)] = int8_program.classify(q, net::x = Eigen::Vector2f(points.col(j)))[0];
        return classes;
    };
    const auto by_float = [&](const Eigen::Matrix<float, 2, Eigen::Dynamic>& points) { return trained.classify(points); };

    const auto accuracy = [&](const std::vector<int>& predicted) {
        int right = 0;
        for (std::size_t i = 0; i < predicted.size(); ++i) right += predicted[i] == data.labels[i];
        return double(right) / double(predicted.size());
    };
    const double float_accuracy = accuracy(by_float(data.points)), int8_accuracy = accuracy(by_int8(data.points));

    const plane_view view;
    const rgb_image float_picture = render_decision(view, by_float, data.points, data.labels);
    const rgb_image int8_picture = render_decision(view, by_int8, data.points, data.labels);
    long changed = 0;
    for (int py = 0; py < view.size; ++py)
        for (int px = 0; px < view.size; ++px) changed += float_picture.at(px, py) != int8_picture.at(px, py);
    char float_caption[64], int8_caption[64];
    std::snprintf(float_caption, sizeof float_caption, "float: training accuracy %.1f%%", 100 * float_accuracy);
    std::snprintf(int8_caption, sizeof int8_caption, "int8: training accuracy %.1f%%", 100 * int8_accuracy);
    write_png(out, contact_sheet({float_picture, int8_picture}, {float_caption, int8_caption}, 2));

    std::printf("training accuracy: float %.4f, int8 %.4f\n", float_accuracy, int8_accuracy);
    std::printf("pixels whose colour differs between the two pictures: %.2f%% of %d\n",
                100.0 * double(changed) / double(view.size * view.size), view.size * view.size);
    std::printf("int8 parameters: %zu bytes\nwrote %s\n", sizeof(q), out.c_str());
    return int8_accuracy >= float_accuracy - 0.01 ? 0 : 1;
} catch (const std::exception& e) {
    std::fprintf(stderr, "spiral_int8: %s\n", e.what());
    return 1;
}
