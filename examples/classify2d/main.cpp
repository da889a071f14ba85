// The classify2d demo, after Karpathy's ConvNetJS demo and CS231n's "minimal neural network
// case study": the two-layer net W2 relu(W1 x + b1) + b2 learns three interleaved spirals,
// for hidden sizes 3, 6, 20 and L2 strengths 0.001, 0.01, 0.1 (nine programs, the strength a
// compile-time constant of each loss). It prints the derived backward expressions and a table
// of final loss and training accuracy, and draws each decision boundary to a PNG, plus a
// contact sheet of all nine (docs/classify2d.md).
//
//   example.classify2d [output-directory]     (default: classify2d-out)
#include "png.hpp"
#include "render.hpp"
#include "spiral.hpp"
#include "spiral_net.hpp"

#include <exprnet/exprnet.hpp>

#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

using namespace exprnet::literals;
using namespace classify2d;

struct outcome {
    int hidden;
    double reg, loss, accuracy;
    rgb_image picture;
};

template <int Hidden, auto Reg>
outcome run(const spiral_data& data, const training_options& options) {
    using net_t = spiral_net<Hidden, Reg>;
    const trained_net<net_t> net = train<net_t>(data, options);
    const auto classify = [&](const Eigen::Matrix<float, 2, Eigen::Dynamic>& points) { return net.classify(points); };
    const std::vector<int> predicted = net.classify(data.points);
    int right = 0;
    for (std::size_t i = 0; i < predicted.size(); ++i) right += predicted[i] == data.labels[i];
    const double accuracy = double(right) / double(predicted.size());
    return {Hidden, net_t::reg, net.loss, accuracy, render_decision(plane_view{}, classify, data.points, data.labels)};
}

int main(int argc, char** argv) {
    const std::string_view first = argc > 1 ? argv[1] : "";
    if (argc > 2 || first == "--help" || first == "-h") {
        std::printf("usage: %s [output-directory]   (default: classify2d-out)\n", argv[0]);
        return argc > 2 ? 2 : 0;
    }
    const std::filesystem::path out_dir = argc > 1 ? first : "classify2d-out";

    using shown = spiral_net<20, 0.001_c>;
    std::printf("network: scores = %s\n", to_string(shown::scores).c_str());
    std::printf("loss:    %s\n\n", to_string(shown::loss).c_str());
    std::printf("derived backward expressions (hidden 20, reg 0.001):\n");
    std::printf("dL/db2 = %s\n", to_string(grad(shown::loss, shown::b2)).c_str());
    std::printf("dL/dW2 = %s\n", to_string(grad(shown::loss, shown::W2)).c_str());
    std::printf("dL/db1 = %s\n", to_string(grad(shown::loss, shown::b1)).c_str());
    std::printf("dL/dW1 = %s\n\n", to_string(grad(shown::loss, shown::W1)).c_str());

    const spiral_data data = make_spiral(points_per_class, classes, 1);
    const training_options options;
    std::printf("data: %d spiral points, %d classes; full-batch Adam, %d steps, learning rate %g, He init\n\n",
                sample_count, classes, options.steps, options.learning_rate);

    const auto start = std::chrono::steady_clock::now();
    // Rows: hidden 3, 6, 20; columns: reg 0.001, 0.01, 0.1 (the contact sheet's layout).
    std::vector<outcome> grid;
    grid.push_back(run<3, 0.001_c>(data, options));
    grid.push_back(run<3, 0.01_c>(data, options));
    grid.push_back(run<3, 0.1_c>(data, options));
    grid.push_back(run<6, 0.001_c>(data, options));
    grid.push_back(run<6, 0.01_c>(data, options));
    grid.push_back(run<6, 0.1_c>(data, options));
    grid.push_back(run<20, 0.001_c>(data, options));
    grid.push_back(run<20, 0.01_c>(data, options));
    grid.push_back(run<20, 0.1_c>(data, options));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    try {
        std::filesystem::create_directories(out_dir);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "classify2d: cannot create the output directory %s: %s\n", out_dir.string().c_str(), e.what());
        return 1;
    }
    std::printf("hidden  reg     final loss  train accuracy  picture\n");
    std::vector<rgb_image> tiles;
    std::vector<std::string> captions;
    try {
        for (const outcome& o : grid) {
            char name[64], caption[64];
            std::snprintf(name, sizeof name, "hidden%d_reg%g.png", o.hidden, o.reg);
            std::snprintf(caption, sizeof caption, "hidden %d, reg %g, acc %.1f%%", o.hidden, o.reg, 100 * o.accuracy);
            const std::filesystem::path path = out_dir / name;
            write_png(path, o.picture);
            std::printf("%6d  %-6g  %10.4f  %14.4f  %s\n", o.hidden, o.reg, o.loss, o.accuracy, path.string().c_str());
            tiles.push_back(o.picture);
            captions.emplace_back(caption);
        }
        const std::filesystem::path sheet = out_dir / "classify2d.png";
        write_png(sheet, contact_sheet(tiles, captions, 3));
        std::printf("\ncontact sheet (rows: hidden 3, 6, 20; columns: reg 0.001, 0.01, 0.1): %s\n", sheet.string().c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    std::printf("nine trainings and pictures in %.2f s\n", seconds);

    // The demo's own check (tests/examples/classify2d.cpp checks more): the widest, least
    // regularised net fits the spirals.
    if (grid[6].accuracy < 0.98) {
        std::printf("FAILED: hidden 20, reg 0.001 reached only %.4f training accuracy\n", grid[6].accuracy);
        return 1;
    }
    return 0;
}
