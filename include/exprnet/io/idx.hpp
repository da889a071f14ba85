/// @file
/// Defines the IDX reader (the format of MNIST and Fashion-MNIST): `read_idx_images`,
/// `read_idx_labels` and `read_idx_pair`, for files either gzip-compressed or plain (zlib's gz*
/// API reads both; link ZLIB::ZLIB). A file that is not what its reader needs is rejected with
/// an io::error naming the file, what was expected and what was found: missing file, a .gz
/// file that is not gzip, bad magic, wrong number of dimensions, truncated data, data past
/// the declared end, a label out of range, images and labels that disagree in count.
/// Evaluation: these run before training, and allocate; nothing is returned on error.
#pragma once

#include <exprnet/io/detail/gz_reader.hpp>
#include <exprnet/io/error.hpp>

#include <Eigen/Core>

#include <array>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace exprnet::io {

/// The images of an IDX file: `pixels` is (rows·cols) × count, one column per image holding its
/// pixels row by row, as the file stores them, scaled from 0..255 to [0, 1].
struct idx_images {
    long count = 0;
    long rows = 0;
    long cols = 0;
    Eigen::MatrixXf pixels;
};

/// Images and their labels, checked to agree in count: labels[i] is the class of pixels.col(i).
struct labelled_images {
    idx_images images;
    std::vector<int> labels;
};

// Nested, so that these helpers' names (hex32, ...) stay apart from other io/ readers' details.
namespace detail::idx_format {

inline std::string hex32(std::uint32_t v) {
    char text[11];
    std::snprintf(text, sizeof text, "0x%08x", unsigned(v));
    return text;
}

inline std::string hex_bytes(const unsigned char* bytes, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        char text[4];
        std::snprintf(text, sizeof text, i ? " %02x" : "%02x", unsigned(bytes[i]));
        out += text;
    }
    return out;
}

inline std::uint32_t big_endian32(const unsigned char* b) {
    return std::uint32_t(b[0]) << 24 | std::uint32_t(b[1]) << 16 | std::uint32_t(b[2]) << 8 | std::uint32_t(b[3]);
}

/// Reads and checks the magic (00 00 08 <dims>: unsigned bytes, `dims` dimensions) and the
/// dimension sizes; `what` ("images", "labels") names the expected content in messages.
template <std::size_t Dims>
std::array<std::uint64_t, Dims> read_header(detail::gz_reader& in, const char* what) {
    unsigned char magic_bytes[4];
    const std::size_t got = in.read(magic_bytes, 4);
    const std::string name = in.path().string();
    if (name.size() > 3 && name.ends_with(".gz") && !in.compressed())
        throw error(in.where() + "is not gzip-compressed: its name ends in .gz, but it " +
                    (got ? "starts with " + hex_bytes(magic_bytes, got) : std::string("is empty")) +
                    " instead of the gzip magic 1f 8b");
    if (got < 4)
        throw error(in.where() + "is truncated: expected a 4-byte magic number, got " + std::to_string(got) + " bytes");

    const std::uint32_t magic = big_endian32(magic_bytes);
    const std::uint32_t expected = 0x0800u | std::uint32_t(Dims);
    if ((magic & 0xffffff00u) != 0x0800u)
        throw error(in.where() + "has a bad magic number " + hex32(magic) + ": expected " + hex32(expected) +
                    " (IDX " + what + ": unsigned bytes, " + std::to_string(Dims) + " dimensions)");
    if (magic != expected)
        throw error(in.where() + "has the wrong dimension count: " + std::to_string(magic & 0xffu) + " dimensions (magic " +
                    hex32(magic) + "), but IDX " + what + " have " + std::to_string(Dims) + " (magic " + hex32(expected) + ")");

    unsigned char size_bytes[4 * Dims];
    const std::size_t size_got = in.read(size_bytes, sizeof size_bytes);
    if (size_got < sizeof size_bytes)
        throw error(in.where() + "is truncated: expected " + std::to_string(sizeof size_bytes) +
                    " bytes of dimension sizes after the magic, got " + std::to_string(size_got));
    std::array<std::uint64_t, Dims> sizes{};
    for (std::size_t i = 0; i < Dims; ++i) sizes[i] = big_endian32(size_bytes + 4 * i);
    return sizes;
}

/// Reads exactly n bytes of data after the header, then checks the file ends. The buffer grows
/// with the data that arrives, doubling from 64 KiB, so a header that declares more than the file
/// holds costs at most twice what the file holds, never the declared size.
inline std::vector<unsigned char> read_data(detail::gz_reader& in, std::uint64_t n) {
    constexpr std::uint64_t first = std::uint64_t(1) << 16;
    std::vector<unsigned char> data;
    std::uint64_t have = 0;
    while (have < n) {
        const std::uint64_t step = have < first ? first : have;
        const std::uint64_t want = n - have < step ? n - have : step;
        data.resize(std::size_t(have + want));
        const std::size_t got = in.read(data.data() + have, std::size_t(want));
        have += got;
        if (got < want)
            throw error(in.where() + "is truncated: expected " + std::to_string(n) + " bytes of data after the header, got " +
                        std::to_string(have) + (in.cut_off() ? " (its gzip stream ends early)" : ""));
    }
    unsigned char extra;
    if (in.read(&extra, 1) != 0)
        throw error(in.where() + "has more data than its header declares: expected " + std::to_string(n) +
                    " bytes of data after the header, found more (wrong counts in the header?)");
    return data;
}

inline idx_images images(const std::filesystem::path& path) {
    gz_reader in(path);
    const auto [count, rows, cols] = read_header<3>(in, "images");
    // Each size is below 2³², so rows · cols < 2⁶⁴; the limit keeps count · pixels in range too.
    constexpr std::uint64_t limit = std::uint64_t(1) << 40;
    const std::uint64_t pixels = rows * cols;
    if (pixels > limit || (pixels != 0 && count > limit / pixels))
        throw error(in.where() + "declares " + std::to_string(count) + " images of " + std::to_string(rows) + "x" +
                    std::to_string(cols) + " pixels, more than 2^40 bytes: wrong counts in the header?");
    const std::vector<unsigned char> data = read_data(in, count * pixels);

    idx_images out;
    out.count = long(count);
    out.rows = long(rows);
    out.cols = long(cols);
    using bytes = Eigen::Matrix<unsigned char, Eigen::Dynamic, Eigen::Dynamic>;
    out.pixels = Eigen::Map<const bytes>(data.data(), Eigen::Index(pixels), Eigen::Index(count)).cast<float>() / 255.0f;
    return out;
}

inline std::vector<int> labels(const std::filesystem::path& path, int classes) {
    gz_reader in(path);
    const auto [count] = read_header<1>(in, "labels");
    const std::vector<unsigned char> data = read_data(in, count);
    std::vector<int> labels(data.begin(), data.end());
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] >= classes)
            throw error(in.where() + "has label " + std::to_string(labels[i]) + " at index " + std::to_string(i) +
                        ", outside 0.." + std::to_string(classes - 1));
    return labels;
}

}  // namespace detail::idx_format

/// Reads an IDX3 file of unsigned-byte images (magic 0x00000803: count, rows, columns). Memory
/// is at most a few times what the file holds, whatever its header declares; running out of it is
/// an io::error.
inline idx_images read_idx_images(const std::filesystem::path& path) {
    return detail::out_of_memory_is_an_error("IDX file '" + path.string() + "'", "reading",
                                             [&] { return detail::idx_format::images(path); });
}

/// Reads an IDX1 file of unsigned-byte labels (magic 0x00000801: count); each must be in
/// 0..classes-1.
inline std::vector<int> read_idx_labels(const std::filesystem::path& path, int classes = 10) {
    return detail::out_of_memory_is_an_error("IDX file '" + path.string() + "'", "reading",
                                             [&] { return detail::idx_format::labels(path, classes); });
}

/// Reads an images file and its labels file, and checks they hold the same number of samples.
inline labelled_images read_idx_pair(const std::filesystem::path& images_path,
                                     const std::filesystem::path& labels_path, int classes = 10) {
    labelled_images out{read_idx_images(images_path), read_idx_labels(labels_path, classes)};
    if (std::size_t(out.images.count) != out.labels.size())
        throw error("IDX files disagree: '" + images_path.string() + "' holds " + std::to_string(out.images.count) +
                    " images, but '" + labels_path.string() + "' holds " + std::to_string(out.labels.size()) +
                    " labels; expected one label per image");
    return out;
}

}  // namespace exprnet::io
