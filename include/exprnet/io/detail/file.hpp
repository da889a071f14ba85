/// @file
/// Whole-file reads and atomic whole-file writes (POSIX): `read_whole_file` and
/// `write_file_atomically`, which writes `<path>.tmp-<pid>` in the same directory, flushes it to
/// disk and renames it over `path`, so an interrupted save leaves the previous file intact.
#pragma once

#include <exprnet/io/error.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace exprnet::io::detail {

inline std::string errno_text(int e) { return std::strerror(e); }

inline std::vector<unsigned char> read_whole_file(const std::filesystem::path& path) {
    const std::string name = path.string();
    const int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw error(name + ": cannot open for reading: " + errno_text(errno));
    struct ::stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        const int e = errno;
        ::close(fd);
        throw error(name + ": not a regular file" + (e != 0 ? ": " + errno_text(e) : std::string()));
    }
    std::vector<unsigned char> bytes(std::size_t(st.st_size));
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ::ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int e = errno;
            ::close(fd);
            throw error(name + ": read failed at byte " + std::to_string(done) + ": " +
                        (n == 0 ? std::string("the file shrank while being read") : errno_text(e)));
        }
        done += std::size_t(n);
    }
    ::close(fd);
    return bytes;
}

/// Writes `bytes` to `<path>.tmp-<pid>`, fsyncs and closes it, then renames it over `path`.
/// On any failure the temporary file is removed and `path` is untouched.
inline void write_file_atomically(const std::filesystem::path& path, std::span<const unsigned char> bytes) {
    const std::string name = path.string();
    const std::string temp = name + ".tmp-" + std::to_string(::getpid());
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) throw error(name + ": cannot create the temporary file " + temp + ": " + errno_text(errno));
    const auto fail = [&](const char* what) {
        const int e = errno;
        if (fd >= 0) ::close(fd);
        ::unlink(temp.c_str());
        throw error(name + ": " + what + " (temporary file " + temp + ", removed): " + errno_text(e) +
                    "; the previous file, if any, is unchanged");
    };
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ::ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail("write failed");
        done += std::size_t(n);
    }
    if (::fsync(fd) != 0) fail("fsync failed");
    const int closed = ::close(fd);
    fd = -1;
    if (closed != 0) fail("close failed");
    if (std::rename(temp.c_str(), name.c_str()) != 0) fail("cannot rename the temporary file over it");
    // Make the rename itself durable; a failure here leaves a complete file, so it is not reported.
    const std::string dir = path.has_parent_path() ? path.parent_path().string() : std::string(".");
    const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd >= 0) {
        ::fsync(dir_fd);
        ::close(dir_fd);
    }
}

}  // namespace exprnet::io::detail
