// The classify2d pictures: a plane coloured by the class a classifier predicts at each pixel
// (light colours), the data points on top (strong colours, dark outline), and a contact
// sheet that lays such pictures out in a labelled grid.
#pragma once

#include "image.hpp"

#include <Eigen/Core>

#include <cmath>
#include <span>
#include <string>
#include <vector>

namespace classify2d {

inline constexpr rgb light_colour[] = {{255, 204, 204}, {204, 238, 204}, {204, 214, 255}};
inline constexpr rgb strong_colour[] = {{220, 40, 40}, {30, 150, 60}, {40, 80, 220}};
inline constexpr rgb outline_colour{30, 30, 30};
inline constexpr int class_colours = 3;

/// The square [-extent, extent]² of the plane, mapped to a size x size image with y upwards.
struct plane_view {
    int size = 400;
    double extent = 1.1;

    /// The plane coordinates of the centre of pixel (px, py).
    double x_at(int px) const noexcept { return -extent + (px + 0.5) * (2 * extent / size); }
    double y_at(int py) const noexcept { return extent - (py + 0.5) * (2 * extent / size); }
    /// The pixel containing plane point (x, y).
    int column_of(double x) const noexcept { return int(std::floor((x + extent) * size / (2 * extent))); }
    int row_of(double y) const noexcept { return int(std::floor((extent - y) * size / (2 * extent))); }
};

/// `classify(points)` takes a 2 x n matrix of plane points and returns their n classes (0, 1
/// or 2); it is called once per image row. Points are drawn as discs of radius 4 with a 1-pixel
/// outline, in the order given.
template <class Classify>
rgb_image render_decision(const plane_view& view, Classify&& classify, const Eigen::Matrix<float, 2, Eigen::Dynamic>& points,
                          std::span<const int> labels) {
    rgb_image image(view.size, view.size);
    Eigen::Matrix<float, 2, Eigen::Dynamic> row(2, view.size);
    for (int py = 0; py < view.size; ++py) {
        for (int px = 0; px < view.size; ++px) row.col(px) = Eigen::Vector2f(float(view.x_at(px)), float(view.y_at(py)));
        const std::vector<int> classes = classify(row);
        for (int px = 0; px < view.size; ++px) {
            const int k = classes[std::size_t(px)];
            image.set(px, py, k >= 0 && k < class_colours ? light_colour[k] : rgb{255, 255, 255});
        }
    }
    for (Eigen::Index j = 0; j < points.cols(); ++j) {
        const int cx = view.column_of(points(0, j)), cy = view.row_of(points(1, j));
        const int k = labels[std::size_t(j)];
        image.fill_disc(cx, cy, 5, outline_colour);
        image.fill_disc(cx, cy, 4, k >= 0 && k < class_colours ? strong_colour[k] : rgb{0, 0, 0});
    }
    return image;
}

/// A grid of equally sized tiles, row by row, each with a caption above it, on white.
inline rgb_image contact_sheet(const std::vector<rgb_image>& tiles, const std::vector<std::string>& captions, int columns) {
    constexpr int gap = 12, caption_height = 26;
    const int rows = (int(tiles.size()) + columns - 1) / columns;
    const int tile_w = tiles.empty() ? 0 : tiles.front().width(), tile_h = tiles.empty() ? 0 : tiles.front().height();
    rgb_image sheet(gap + columns * (tile_w + gap), gap + rows * (caption_height + tile_h + gap));
    for (std::size_t i = 0; i < tiles.size(); ++i) {
        const int x0 = gap + int(i) % columns * (tile_w + gap), y0 = gap + int(i) / columns * (caption_height + tile_h + gap);
        if (i < captions.size()) draw_text(sheet, x0, y0 + 4, captions[i], outline_colour);
        sheet.paste(tiles[i], x0, y0 + caption_height);
    }
    return sheet;
}

}  // namespace classify2d
