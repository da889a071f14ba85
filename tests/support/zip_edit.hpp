// For the io/ error tests: the entries of a ZIP file as found by a parser of its own (no extra
// fields expected: exprnet writes none), and CRC repair after an edit, so that a test can
// change one thing in a good file and nothing else.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <string>
#include <vector>

namespace zip_edit {

struct entry {
    std::string name;
    std::size_t local;    ///< offset of the local header
    std::size_t data;     ///< offset of the data
    std::size_t size;     ///< bytes of data (stored)
    std::size_t central;  ///< offset of the central directory header
};

inline std::uint32_t u32(const std::vector<unsigned char>& b, std::size_t at) {
    return std::uint32_t(b[at]) | std::uint32_t(b[at + 1]) << 8 | std::uint32_t(b[at + 2]) << 16 |
           std::uint32_t(b[at + 3]) << 24;
}
inline std::size_t u16(const std::vector<unsigned char>& b, std::size_t at) { return b[at] | std::size_t(b[at + 1]) << 8; }

/// The entries, from the central directory named by the 22-byte end record (no comment).
inline std::vector<entry> entries(const std::vector<unsigned char>& b) {
    const std::size_t end = b.size() - 22;
    std::vector<entry> out;
    std::size_t at = u32(b, end + 16);
    for (std::size_t k = 0; k < u16(b, end + 10); ++k) {
        const std::size_t name_length = u16(b, at + 28), local = u32(b, at + 42);
        out.push_back({std::string(b.begin() + long(at) + 46, b.begin() + long(at + 46 + name_length)), local,
                       local + 30 + u16(b, local + 26) + u16(b, local + 28), u32(b, at + 20), at});
        at += 46 + name_length + u16(b, at + 30) + u16(b, at + 32);
    }
    return out;
}

inline entry find(const std::vector<unsigned char>& b, const std::string& name) {
    for (const entry& e : entries(b))
        if (e.name == name) return e;
    return {};
}

/// Recomputes every entry's CRC-32 (zlib) into its local and central headers.
inline void fix_crcs(std::vector<unsigned char>& b) {
    for (const entry& e : entries(b)) {
        const std::uint32_t crc = std::uint32_t(::crc32(0, b.data() + e.data, unsigned(e.size)));
        for (std::size_t at : {e.local + 14, e.central + 16})
            for (int i = 0; i < 4; ++i) b[at + std::size_t(i)] = static_cast<unsigned char>(crc >> (8 * i));
    }
}

/// Replaces `from` by `to` (same length) at its first occurrence at or after `start`.
inline bool replace(std::vector<unsigned char>& b, const std::string& from, const std::string& to, std::size_t start = 0) {
    const std::string text(b.begin(), b.end());
    const std::size_t at = text.find(from, start);
    if (at == std::string::npos || from.size() != to.size()) return false;
    for (std::size_t i = 0; i < to.size(); ++i) b[at + i] = static_cast<unsigned char>(to[i]);
    return true;
}

inline void put(std::vector<unsigned char>& out, std::uint64_t v, int width) {
    for (int i = 0; i < width; ++i) out.push_back(static_cast<unsigned char>(v >> (8 * i)));
}

/// The same archive with ZIP64 records, as a writer must make them past 4 GiB: every central
/// header's sizes and offset are 0xffffffff with the values in a ZIP64 extra field, and the end
/// record's fields are all 0xffff... with the values in a ZIP64 end record found by a locator.
inline std::vector<unsigned char> to_zip64(const std::vector<unsigned char>& b) {
    const std::vector<entry> all = entries(b);
    const std::size_t directory = all.front().central;
    std::vector<unsigned char> out(b.begin(), b.begin() + long(directory));
    for (const entry& e : all) {
        const std::size_t at = out.size();
        out.insert(out.end(), b.begin() + long(e.central), b.begin() + long(e.central + 46));
        for (std::size_t field : {20u, 24u, 42u})
            for (std::size_t i = 0; i < 4; ++i) out[at + field + i] = 0xff;
        out[at + 30] = 28;  // extra field length
        out[at + 31] = 0;
        out.insert(out.end(), e.name.begin(), e.name.end());
        put(out, 1, 2);  // ZIP64 extra: uncompressed size, compressed size, local header offset
        put(out, 24, 2);
        put(out, e.size, 8);
        put(out, e.size, 8);
        put(out, e.local, 8);
    }
    const std::size_t directory_size = out.size() - directory, end64 = out.size();
    put(out, 0x06064b50, 4);
    put(out, 44, 8);  // size of the rest of the record
    put(out, 45, 2);
    put(out, 45, 2);
    put(out, 0, 4);
    put(out, 0, 4);
    put(out, all.size(), 8);
    put(out, all.size(), 8);
    put(out, directory_size, 8);
    put(out, directory, 8);
    put(out, 0x07064b50, 4);  // locator
    put(out, 0, 4);
    put(out, end64, 8);
    put(out, 1, 4);
    put(out, 0x06054b50, 4);  // end record, every field deferred to the ZIP64 one
    put(out, 0, 2);
    put(out, 0, 2);
    put(out, 0xffff, 2);
    put(out, 0xffff, 2);
    put(out, 0xffffffff, 4);
    put(out, 0xffffffff, 4);
    put(out, 0, 2);
    return out;
}

}  // namespace zip_edit
