// PNG output through stb_image_write (Debian's libstb-dev). STB_IMAGE_WRITE_STATIC gives the
// implementation internal linkage, so this header may be included by any number of
// translation units without duplicate symbols; it is included as <stb/...> from /usr/include,
// a system directory, so our strict warning flags do not apply to stb's own code.
#pragma once

#include "image.hpp"

#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace classify2d {

/// The PNG file of `image`, in memory.
inline std::vector<std::uint8_t> encode_png(const rgb_image& image) {
    std::vector<std::uint8_t> bytes;
    const auto append = [](void* context, void* data, int size) {
        auto* out = static_cast<std::vector<std::uint8_t>*>(context);
        const auto* begin = static_cast<const std::uint8_t*>(data);
        out->insert(out->end(), begin, begin + size);
    };
    if (!stbi_write_png_to_func(append, &bytes, image.width(), image.height(), 3, image.data(), image.width() * 3))
        throw std::runtime_error("classify2d: stb_image_write could not encode a " + std::to_string(image.width()) + "x" +
                                 std::to_string(image.height()) + " image as PNG");
    return bytes;
}

/// Writes `image` to `path` as PNG. The bytes go to a temporary file beside it, renamed over
/// `path` only once complete: on any error `path` is left as it was, the temporary file is
/// removed, and the exception names the file and the reason.
inline void write_png(const std::filesystem::path& path, const rgb_image& image) {
    const std::vector<std::uint8_t> bytes = encode_png(image);
    std::filesystem::path partial = path;
    partial += ".partial";
    const auto fail = [&](const std::string& what, int error) {
        std::error_code ignored;
        std::filesystem::remove(partial, ignored);
        throw std::runtime_error("classify2d: cannot write " + path.string() + ": " + what + ": " + std::strerror(error));
    };
    std::FILE* file = std::fopen(partial.c_str(), "wb");
    if (!file) fail("cannot open " + partial.string() + " for writing", errno);
    const bool written = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
    const int write_error = errno;
    if (std::fclose(file) != 0 || !written) fail("writing " + partial.string() + " failed", written ? errno : write_error);
    std::error_code renamed;
    std::filesystem::rename(partial, path, renamed);
    if (renamed) fail("renaming " + partial.string() + " failed", renamed.value());
}

}  // namespace classify2d
