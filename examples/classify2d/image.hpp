// An 8-bit RGB raster with the few drawing operations the classify2d pictures need: filled
// discs, rectangles, pasting one image into another, and text in a built-in 5x7 bitmap font
// (no font dependency).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace classify2d {

struct rgb {
    std::uint8_t r = 0, g = 0, b = 0;
    friend bool operator==(const rgb&, const rgb&) = default;
};

class rgb_image {
public:
    rgb_image(int width, int height, rgb fill = {255, 255, 255})
        : width_(width), height_(height), pixels_(std::size_t(width) * std::size_t(height) * 3) {
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x) set(x, y, fill);
    }
    int width() const noexcept { return width_; }
    int height() const noexcept { return height_; }
    /// Row-major, top row first, 3 bytes (R, G, B) per pixel: what PNG encoders take.
    const std::uint8_t* data() const noexcept { return pixels_.data(); }

    rgb at(int x, int y) const noexcept {
        const std::uint8_t* p = &pixels_[index(x, y)];
        return {p[0], p[1], p[2]};
    }
    /// Pixels outside the image are ignored, so shapes may overlap the border.
    void set(int x, int y, rgb c) noexcept {
        if (x < 0 || y < 0 || x >= width_ || y >= height_) return;
        std::uint8_t* p = &pixels_[index(x, y)];
        p[0] = c.r;
        p[1] = c.g;
        p[2] = c.b;
    }
    void fill_rect(int x0, int y0, int w, int h, rgb c) noexcept {
        for (int y = y0; y < y0 + h; ++y)
            for (int x = x0; x < x0 + w; ++x) set(x, y, c);
    }
    /// A disc of radius `radius` around the pixel centre (cx, cy).
    void fill_disc(int cx, int cy, int radius, rgb c) noexcept {
        for (int y = cy - radius; y <= cy + radius; ++y)
            for (int x = cx - radius; x <= cx + radius; ++x)
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius) set(x, y, c);
    }
    /// Copies `tile` with its top-left corner at (x0, y0).
    void paste(const rgb_image& tile, int x0, int y0) noexcept {
        for (int y = 0; y < tile.height(); ++y)
            for (int x = 0; x < tile.width(); ++x) set(x0 + x, y0 + y, tile.at(x, y));
    }

private:
    std::size_t index(int x, int y) const noexcept { return (std::size_t(y) * std::size_t(width_) + std::size_t(x)) * 3; }
    int width_, height_;
    std::vector<std::uint8_t> pixels_;
};

namespace detail {

/// 5x7 glyphs, one byte per row (top first), bit 4 the leftmost column; only the characters
/// the labels use. A character without a glyph is drawn as a blank.
struct glyph {
    char c;
    std::array<std::uint8_t, 7> rows;
};
inline constexpr glyph font_5x7[] = {
    {'0', {0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E}}, {'1', {0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E}},
    {'2', {0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F}}, {'3', {0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E}},
    {'4', {0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02}}, {'5', {0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E}},
    {'6', {0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E}}, {'7', {0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08}},
    {'8', {0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E}}, {'9', {0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C}},
    {'.', {0x00, 0x00, 0x00, 0x00, 0x00, 0x0C, 0x0C}}, {',', {0x00, 0x00, 0x00, 0x00, 0x0C, 0x04, 0x08}},
    {'=', {0x00, 0x00, 0x1F, 0x00, 0x1F, 0x00, 0x00}}, {':', {0x00, 0x0C, 0x0C, 0x00, 0x0C, 0x0C, 0x00}},
    {'f', {0x06, 0x09, 0x08, 0x1C, 0x08, 0x08, 0x08}}, {'%', {0x18, 0x19, 0x02, 0x04, 0x08, 0x13, 0x03}},
    {'a', {0x00, 0x00, 0x0E, 0x01, 0x0F, 0x11, 0x0F}}, {'c', {0x00, 0x00, 0x0E, 0x10, 0x10, 0x11, 0x0E}},
    {'d', {0x01, 0x01, 0x0D, 0x13, 0x11, 0x11, 0x0F}}, {'e', {0x00, 0x00, 0x0E, 0x11, 0x1F, 0x10, 0x0E}},
    {'g', {0x00, 0x00, 0x0F, 0x11, 0x0F, 0x01, 0x0E}}, {'h', {0x10, 0x10, 0x16, 0x19, 0x11, 0x11, 0x11}},
    {'i', {0x04, 0x00, 0x0C, 0x04, 0x04, 0x04, 0x0E}}, {'l', {0x0C, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0E}},
    {'n', {0x00, 0x00, 0x16, 0x19, 0x11, 0x11, 0x11}}, {'o', {0x00, 0x00, 0x0E, 0x11, 0x11, 0x11, 0x0E}},
    {'p', {0x00, 0x00, 0x1E, 0x11, 0x1E, 0x10, 0x10}},
    {'r', {0x00, 0x00, 0x16, 0x19, 0x10, 0x10, 0x10}}, {'s', {0x00, 0x00, 0x0E, 0x10, 0x0E, 0x01, 0x1E}},
    {'t', {0x08, 0x08, 0x1C, 0x08, 0x08, 0x09, 0x06}}, {'u', {0x00, 0x00, 0x11, 0x11, 0x11, 0x13, 0x0D}},
    {'y', {0x00, 0x00, 0x11, 0x11, 0x0F, 0x01, 0x0E}},
};

}  // namespace detail

inline constexpr int glyph_width = 5, glyph_height = 7, glyph_advance = 6;

/// Draws `text` with its top-left corner at (x0, y0), each font pixel a scale x scale block.
inline void draw_text(rgb_image& image, int x0, int y0, std::string_view text, rgb c, int scale = 2) {
    for (const char ch : text) {
        const auto* g = std::find_if(std::begin(detail::font_5x7), std::end(detail::font_5x7),
                                     [ch](const detail::glyph& candidate) { return candidate.c == ch; });
        if (g != std::end(detail::font_5x7))
            for (int row = 0; row < glyph_height; ++row)
                for (int col = 0; col < glyph_width; ++col)
                    if (g->rows[std::size_t(row)] & (0x10 >> col)) image.fill_rect(x0 + col * scale, y0 + row * scale, scale, scale, c);
        x0 += glyph_advance * scale;
    }
}

/// The width in pixels of `text` drawn at `scale`.
inline int text_width(std::string_view text, int scale = 2) { return int(text.size()) * glyph_advance * scale; }

}  // namespace classify2d
