/// @file
/// Little-endian integers in byte buffers, as ZIP and .npy files store them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace exprnet::io::detail {

inline std::uint64_t read_le(std::span<const unsigned char> bytes, std::size_t at, int width) noexcept {
    std::uint64_t v = 0;
    for (int i = width - 1; i >= 0; --i) v = v << 8 | bytes[at + std::size_t(i)];
    return v;
}
inline std::uint16_t read_u16(std::span<const unsigned char> b, std::size_t at) noexcept {
    return std::uint16_t(read_le(b, at, 2));
}
inline std::uint32_t read_u32(std::span<const unsigned char> b, std::size_t at) noexcept {
    return std::uint32_t(read_le(b, at, 4));
}
inline std::uint64_t read_u64(std::span<const unsigned char> b, std::size_t at) noexcept { return read_le(b, at, 8); }

inline void append_le(std::vector<unsigned char>& out, std::uint64_t v, int width) {
    for (int i = 0; i < width; ++i) out.push_back(static_cast<unsigned char>(v >> (8 * i)));
}

}  // namespace exprnet::io::detail
