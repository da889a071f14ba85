// The IDX harness: the input as an images file and as a labels file. A successful read must
// return what it promises: pixels in [0, 1] of count columns, labels in 0..9.
#pragma once

#include "harness.hpp"

#include <exprnet/io/idx.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>

namespace fuzz {

inline void read_idx_once(const std::filesystem::path& file) {
    exprnet::io::idx_images images;
    if (refuses_cleanly([&] { images = exprnet::io::read_idx_images(file); })) {
        if (images.pixels.cols() != images.count || images.pixels.rows() != images.rows * images.cols)
            broken("read_idx_images returned pixels of another shape than its counts");
        if (images.pixels.size() && (images.pixels.minCoeff() < 0 || images.pixels.maxCoeff() > 1))
            broken("read_idx_images returned a pixel outside [0, 1]");
    }
    std::vector<int> labels;
    if (refuses_cleanly([&] { labels = exprnet::io::read_idx_labels(file); }))
        for (int l : labels)
            if (l < 0 || l > 9) broken("read_idx_labels returned a label outside 0..9");
}

}  // namespace fuzz
