/// @file
/// Internal: `gz_reader`, a file opened with zlib's gz* API (gzip or plain, read the same way),
/// closed by its destructor, whose read errors become io::error naming the file.
#pragma once

#include <exprnet/io/error.hpp>

#include <zlib.h>

#include <cerrno>
#include <climits>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>

namespace exprnet::io::detail {

class gz_reader {
public:
    explicit gz_reader(const std::filesystem::path& path) : path_(path) {
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) throw error(where() + "does not exist");
        if (std::filesystem::is_directory(path, ec)) throw error(where() + "is a directory, not a file");
        errno = 0;
        file_ = gzopen(path.c_str(), "rb");
        if (!file_) {
            const int e = errno;
            throw error(where() + "cannot be opened: " + (e ? std::strerror(e) : "zlib could not allocate its state"));
        }
        // Called right after gzopen, gzdirect looks at the first bytes: 1 means no gzip header.
        compressed_ = gzdirect(file_) == 0;
    }
    gz_reader(const gz_reader&) = delete;
    gz_reader& operator=(const gz_reader&) = delete;
    ~gz_reader() { gzclose_r(file_); }

    /// Whether the file starts with the gzip magic (1f 8b); a plain file is read as is.
    bool compressed() const noexcept { return compressed_; }
    /// After a short read: whether the gzip stream itself ended early (the file was cut off),
    /// rather than a complete stream holding too little data.
    bool cut_off() const noexcept { return cut_off_; }
    const std::filesystem::path& path() const noexcept { return path_; }
    /// "IDX file '<path>' " (with a trailing space), the start of every message about the file.
    std::string where() const { return "IDX file '" + path_.string() + "' "; }

    /// Reads up to n bytes into out; returns how many were read, fewer only at the end of the
    /// data (see cut_off()). Corrupt compressed data is an error.
    std::size_t read(void* out, std::size_t n) {
        std::size_t total = 0;
        auto* bytes = static_cast<unsigned char*>(out);
        while (total < n) {
            const std::size_t want = n - total < std::size_t(INT_MAX / 2) ? n - total : std::size_t(INT_MAX / 2);
            const int got = gzread(file_, bytes + total, unsigned(want));
            if (got < 0) {
                int code = 0;
                const char* message = gzerror(file_, &code);
                throw error(where() + "cannot be decompressed: " + (message ? message : "zlib error"));
            }
            if (got == 0) break;
            total += std::size_t(got);
        }
        if (total < n && compressed_) {
            // zlib reports a gzip stream cut off before its end as Z_BUF_ERROR after the last read.
            int code = 0;
            gzerror(file_, &code);
            cut_off_ = code == Z_BUF_ERROR;
        }
        return total;
    }

private:
    std::filesystem::path path_;
    gzFile file_ = nullptr;
    bool compressed_ = false;
    bool cut_off_ = false;
};

}  // namespace exprnet::io::detail
