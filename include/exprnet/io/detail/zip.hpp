/// @file
/// The ZIP container of .npz files: `write_zip` writes stored (uncompressed) entries, like
/// `numpy.savez`; `read_zip` reads stored and deflate entries (`numpy.savez_compressed`), with
/// ZIP64 records and extra fields, and validates signatures, every offset and size against the
/// file size, and the CRC-32 of every entry. CRC-32 and inflate are zlib's.
#pragma once

#include <exprnet/io/detail/bytes.hpp>
#include <exprnet/io/error.hpp>

#include <zlib.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace exprnet::io::detail {

struct zip_entry {
    std::string name;
    std::vector<unsigned char> data;  ///< uncompressed: all of it, or its first bytes (see `whole`)
    std::uint64_t size = 0;           ///< the uncompressed size the archive claims
    bool whole = true;                ///< false: larger than its reader's budget, `data` is a prefix
};

inline constexpr std::uint32_t local_header_signature = 0x04034b50;
inline constexpr std::uint32_t central_header_signature = 0x02014b50;
inline constexpr std::uint32_t end_of_central_directory_signature = 0x06054b50;
inline constexpr std::uint32_t zip64_end_signature = 0x06064b50;
inline constexpr std::uint32_t zip64_locator_signature = 0x07064b50;

inline std::uint32_t crc32_of(std::span<const unsigned char> data) noexcept {
    return std::uint32_t(::crc32_z(::crc32_z(0, nullptr, 0), data.data(), data.size()));
}

inline std::string hex32(std::uint32_t v) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", unsigned(v));
    return text;
}

/// A ZIP archive of stored entries, in the given order (no ZIP64: each entry and the whole
/// archive must stay below 4 GiB, checked).
inline std::vector<unsigned char> write_zip(const std::vector<zip_entry>& entries, const std::string& file) {
    std::vector<unsigned char> out;
    std::vector<unsigned char> central;
    constexpr std::uint64_t limit = 0xffffffffu;
    const auto header_fields = [](std::vector<unsigned char>& b, const zip_entry& e, std::uint32_t crc) {
        append_le(b, 20, 2);      // version needed to extract: 2.0
        append_le(b, 0, 2);       // flags
        append_le(b, 0, 2);       // method: stored
        append_le(b, 0, 2);       // time 00:00:00
        append_le(b, 0x21, 2);    // date 1980-01-01, as numpy writes
        append_le(b, crc, 4);
        append_le(b, e.data.size(), 4);  // compressed size
        append_le(b, e.data.size(), 4);  // uncompressed size
        append_le(b, e.name.size(), 2);
        append_le(b, 0, 2);  // extra field length
    };
    for (const zip_entry& e : entries) {
        if (e.data.size() >= limit || out.size() >= limit || e.name.size() > 0xffff)
            throw error(file + ": entry \"" + e.name + "\" is too large for a ZIP file without ZIP64 (4 GiB)");
        const std::uint32_t crc = crc32_of(e.data);
        const std::uint64_t offset = out.size();
        append_le(out, local_header_signature, 4);
        header_fields(out, e, crc);
        out.insert(out.end(), e.name.begin(), e.name.end());
        out.insert(out.end(), e.data.begin(), e.data.end());

        append_le(central, central_header_signature, 4);
        append_le(central, 0x0314, 2);  // made by: Unix, 2.0
        header_fields(central, e, crc);
        append_le(central, 0, 2);           // comment length
        append_le(central, 0, 2);           // disk
        append_le(central, 0, 2);           // internal attributes
        append_le(central, 0100644u << 16, 4);  // external attributes: regular file, rw-r--r--
        append_le(central, offset, 4);
        central.insert(central.end(), e.name.begin(), e.name.end());
    }
    if (out.size() + central.size() >= limit || entries.size() > 0xfffe)
        throw error(file + ": too large for a ZIP file without ZIP64 (4 GiB, 65534 entries)");
    const std::uint64_t central_offset = out.size();
    out.insert(out.end(), central.begin(), central.end());
    append_le(out, end_of_central_directory_signature, 4);
    append_le(out, 0, 2);  // this disk
    append_le(out, 0, 2);  // disk of the central directory
    append_le(out, entries.size(), 2);
    append_le(out, entries.size(), 2);
    append_le(out, central.size(), 4);
    append_le(out, central_offset, 4);
    append_le(out, 0, 2);  // comment length
    return out;
}

/// Explains why no end-of-central-directory record was found: walks the local headers from
/// the start and names the first entry whose data runs past the end of the file.
[[noreturn]] inline void explain_missing_directory(std::span<const unsigned char> f, const std::string& file) {
    const std::size_t size = f.size();
    if (size < 4 || read_u32(f, 0) != local_header_signature) {
        std::string start;
        for (std::size_t i = 0; i < 4 && i < size; ++i) {
            char b[4];
            std::snprintf(b, sizeof b, " %02x", unsigned(f[i]));
            start += b;
        }
        if (size == 0) throw error(file + ": not a ZIP (.npz) file: it is empty");
        throw error(file + ": not a ZIP (.npz) file: it starts with bytes" + start +
                    ", not the local header signature 50 4b 03 04");
    }
    std::size_t at = 0;
    std::string last;
    while (at + 4 <= size && read_u32(f, at) == local_header_signature) {
        if (at + 30 > size)
            throw error(file + ": truncated: local header at byte " + std::to_string(at) + " needs 30 bytes, file ends at " +
                        std::to_string(size));
        const std::size_t name_length = read_u16(f, at + 26), extra_length = read_u16(f, at + 28);
        const std::size_t data_at = at + 30 + name_length + extra_length;
        const std::string name = data_at <= size ? std::string(f.begin() + std::ptrdiff_t(at + 30),
                                                               f.begin() + std::ptrdiff_t(at + 30 + name_length))
                                                 : std::string("?");
        std::uint64_t length = read_u32(f, at + 18);
        if (data_at > size)
            throw error(file + ": truncated: local header at byte " + std::to_string(at) + " names " +
                        std::to_string(name_length + extra_length) + " bytes of name and extra field, file ends at " +
                        std::to_string(size));
        if (read_u16(f, at + 6) & 8) break;  // sizes follow the data: the walk cannot continue
        // ZIP64 extra field (numpy writes one): compressed size is its second field.
        for (std::size_t x = at + 30 + name_length; x + 4 <= data_at;) {
            const std::size_t id = read_u16(f, x), len = read_u16(f, x + 2);
            if (id == 1 && len >= 16 && x + 4 + 16 <= data_at && length == 0xffffffffu) length = read_u64(f, x + 12);
            x += 4 + len;
        }
        if (length > size - data_at)  // not data_at + length > size: a 64-bit length would wrap
            throw error(file + ": truncated: local header of \"" + name + "\" at byte " + std::to_string(at) + " claims " +
                        std::to_string(length) + " bytes, file ends at " + std::to_string(size));
        last = name;
        at = data_at + std::size_t(length);
    }
    throw error(file + ": truncated or corrupt: no end-of-central-directory record (the file has " +
                std::to_string(size) + " bytes" + (last.empty() ? std::string() : ", last complete entry \"" + last + "\"") +
                ")");
}

/// Inflates raw deflate data into `out.data` (sized by the caller): the whole entry, which must
/// end exactly there, or (`out.whole` false) its first bytes.
inline void inflate_into(std::span<const unsigned char> packed, zip_entry& out, const std::string& file,
                         const std::string& entry) {
    ::z_stream z{};
    if (::inflateInit2(&z, -MAX_WBITS) != Z_OK) throw error(file + ": zlib could not start inflating " + entry);
    z.next_in = const_cast<unsigned char*>(packed.data());  // zlib's API is not const-correct
    z.avail_in = ::uInt(packed.size());
    z.next_out = out.data.data();
    z.avail_out = ::uInt(out.data.size());
    const int status = ::inflate(&z, out.whole ? Z_FINISH : Z_SYNC_FLUSH);
    const std::string message = z.msg ? z.msg : "";
    const std::uint64_t produced = z.total_out;
    ::inflateEnd(&z);
    if (produced == out.data.size() && (out.whole ? status == Z_STREAM_END : status != Z_DATA_ERROR && status != Z_MEM_ERROR))
        return;
    throw error(file + ": corrupt: " + entry + ": deflate data" +
                (status == Z_STREAM_END ? " inflate to " + std::to_string(produced) + " bytes, not " + std::to_string(out.size)
                                        : std::string(" is invalid or truncated") +
                                              (message.empty() ? "" : " (zlib: " + message + ")")));
}

/// Every entry of a ZIP archive, in central-directory order. `budget(name)` is the most bytes of
/// that entry the caller can use: an entry within it is decompressed whole and CRC-checked; a
/// larger one only up to the budget (`whole` false; the caller reports it), so a size the file
/// claims is never allocated before it is checked. Work and memory are O(file size + budgets).
template <class Budget>
std::vector<zip_entry> read_zip(std::span<const unsigned char> f, const std::string& file, Budget budget) {
    const std::size_t size = f.size();
    const auto at_byte = [](std::uint64_t at) { return " at byte " + std::to_string(at); };

    // End of central directory: 22 bytes plus a comment of up to 65535 bytes, at the very end.
    std::size_t eocd = size;
    for (std::size_t back = 22; back <= size && back <= 22 + 0xffff; ++back) {
        const std::size_t at = size - back;
        if (read_u32(f, at) == end_of_central_directory_signature && at + 22 + read_u16(f, at + 20) == size) {
            eocd = at;
            break;
        }
    }
    if (eocd == size) explain_missing_directory(f, file);
    if (read_u16(f, eocd + 4) != 0 || read_u16(f, eocd + 6) != 0)
        throw error(file + ": multi-disk ZIP archives are not supported");
    std::uint64_t entry_count = read_u16(f, eocd + 10);
    std::uint64_t directory_size = read_u32(f, eocd + 12);
    std::uint64_t directory_offset = read_u32(f, eocd + 16);
    std::uint64_t directory_end = eocd;
    if (eocd >= 20 && read_u32(f, eocd - 20) == zip64_locator_signature) {
        const std::uint64_t end64 = read_u64(f, eocd - 20 + 8);
        if (end64 > eocd - 20 || eocd - 20 - end64 < 56 || read_u32(f, std::size_t(end64)) != zip64_end_signature)
            throw error(file + ": corrupt: the ZIP64 locator" + at_byte(eocd - 20) + " points to byte " +
                        std::to_string(end64) + ", where there is no ZIP64 end-of-central-directory record");
        entry_count = read_u64(f, std::size_t(end64) + 32);
        directory_size = read_u64(f, std::size_t(end64) + 40);
        directory_offset = read_u64(f, std::size_t(end64) + 48);
        directory_end = end64;
    }
    if (directory_offset > directory_end || directory_size > directory_end - directory_offset)
        throw error(file + ": corrupt or truncated: the central directory claims bytes " + std::to_string(directory_offset) +
                    " to " + std::to_string(directory_offset + directory_size) + ", but its end record is" +
                    at_byte(directory_end));

    std::vector<zip_entry> entries;
    std::set<std::string> names;
    std::size_t at = std::size_t(directory_offset);
    const std::size_t end = std::size_t(directory_offset + directory_size);
    for (std::uint64_t k = 0; k < entry_count; ++k) {
        if (at + 46 > end || read_u32(f, at) != central_header_signature)
            throw error(file + ": corrupt: central directory entry " + std::to_string(k + 1) + " of " +
                        std::to_string(entry_count) + at_byte(at) + " has no valid header");
        const unsigned flags = read_u16(f, at + 8), method = read_u16(f, at + 10);
        const std::uint32_t crc = read_u32(f, at + 16);
        std::uint64_t packed = read_u32(f, at + 20), unpacked = read_u32(f, at + 24);
        const std::size_t name_length = read_u16(f, at + 28), extra_length = read_u16(f, at + 30),
                          comment_length = read_u16(f, at + 32);
        std::uint64_t local = read_u32(f, at + 42);
        const std::size_t next = at + 46 + name_length + extra_length + comment_length;
        if (next > end)
            throw error(file + ": corrupt: central directory entry " + std::to_string(k + 1) + at_byte(at) +
                        " runs past the end of the directory");
        std::string name(f.begin() + std::ptrdiff_t(at + 46), f.begin() + std::ptrdiff_t(at + 46 + name_length));
        const std::string entry = "entry \"" + name + "\"";
        // ZIP64 extra field: the 64-bit values of the fields that are 0xffffffff, in this order.
        const std::size_t extra_end = at + 46 + name_length + extra_length;
        for (std::size_t x = at + 46 + name_length; x + 4 <= extra_end;) {
            const std::size_t id = read_u16(f, x), len = read_u16(f, x + 2);
            if (x + 4 + len > extra_end)
                throw error(file + ": corrupt: " + entry + " has an extra field" + at_byte(x) + " that runs past its end");
            std::size_t v = x + 4;
            if (id == 1) {
                for (std::uint64_t* field : {&unpacked, &packed, &local})
                    if (*field == 0xffffffffu) {
                        if (v + 8 > x + 4 + len)
                            throw error(file + ": corrupt: " + entry + " has a short ZIP64 extra field");
                        *field = read_u64(f, v);
                        v += 8;
                    }
            }
            x += 4 + len;
        }
        if (flags & 1) throw error(file + ": " + entry + " is encrypted; only plain entries are supported");
        if (method != 0 && method != 8)
            throw error(file + ": " + entry + " uses compression method " + std::to_string(method) +
                        "; only stored (0) and deflate (8) are supported");
        if (!names.insert(name).second) throw error(file + ": " + entry + " appears twice");

        // The local header repeats the name; the data follows it and its extra field.
        if (local > size || size - local < 30 || read_u32(f, std::size_t(local)) != local_header_signature)
            throw error(file + ": corrupt or truncated: " + entry + ": no local header" + at_byte(local) +
                        " (file size " + std::to_string(size) + ")");
        const std::size_t lname = read_u16(f, std::size_t(local) + 26), lextra = read_u16(f, std::size_t(local) + 28);
        const std::uint64_t data_at = local + 30 + lname + lextra;
        if (data_at > size || packed > size - data_at)
            throw error(file + ": truncated: local header of \"" + name + "\"" + at_byte(local) + " claims " +
                        std::to_string(packed) + " bytes, file ends at " + std::to_string(size));
        if (lname != name_length ||
            !std::equal(name.begin(), name.end(), f.begin() + std::ptrdiff_t(local + 30)))
            throw error(file + ": corrupt: the local header" + at_byte(local) + " does not name " + entry +
                        " as the central directory does");
        const auto packed_data = f.subspan(std::size_t(data_at), std::size_t(packed));

        const std::uint64_t wanted = budget(std::string_view(name));
        zip_entry out{std::move(name), {}, unpacked, unpacked <= wanted};
        if (method == 0) {
            if (packed != unpacked)
                throw error(file + ": corrupt: stored " + entry + " has " + std::to_string(packed) +
                            " bytes but claims " + std::to_string(unpacked) + " uncompressed");
            out.data.assign(packed_data.begin(), packed_data.begin() + std::ptrdiff_t(std::min(packed, wanted)));
        } else {
            if (unpacked >= 0xffffffffu || packed >= 0xffffffffu)  // one inflate call takes 32-bit sizes
                throw error(file + ": " + entry + " is larger than 4 GiB compressed or uncompressed: not supported");
            out.data.resize(std::size_t(std::min(unpacked, wanted)));
            inflate_into(packed_data, out, file, entry);
        }
        // A prefix cannot be CRC-checked; its reader refuses the entry by its size anyway.
        if (const std::uint32_t actual = out.whole ? crc32_of(out.data) : crc; actual != crc)
            throw error(file + ": CRC mismatch in \"" + out.name + "\": the directory says " + hex32(crc) +
                        ", the data has " + hex32(actual));
        entries.push_back(std::move(out));
        at = next;
    }
    return entries;
}

}  // namespace exprnet::io::detail
