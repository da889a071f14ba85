/// @file
/// Whole-file reads and atomic whole-file writes (POSIX): `read_whole_file` and
/// `write_file_atomically`, which writes `<path>.tmp-<pid>` in the same directory, flushes it to
/// disk and renames it over `path`, so an interrupted save leaves the previous file intact (and
/// the next save removes a temporary file whose process was killed).
#pragma once

#include <exprnet/io/error.hpp>

#include <fcntl.h>
#include <signal.h>
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

/// Removes the temporary files `<path>.tmp-<pid>` of earlier saves to `path` whose process is
/// gone (killed while saving: nothing else could remove them). A live pid's file may be a save
/// in progress, and is left alone. Errors are ignored: this is tidying, not the save.
inline void remove_stale_temporaries(const std::filesystem::path& path) {
    const std::string prefix = path.filename().string() + ".tmp-";
    const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string file = it->path().filename().string();
        if (!file.starts_with(prefix) || file.size() == prefix.size() || file.size() > prefix.size() + 9) continue;
        const std::string digits = file.substr(prefix.size());
        if (digits.find_first_not_of("0123456789") != std::string::npos) continue;
        const ::pid_t pid = ::pid_t(std::stol(digits));
        if (pid > 0 && pid != ::getpid() && ::kill(pid, 0) != 0 && errno == ESRCH) ::unlink(it->path().c_str());
    }
}

/// Writes `bytes` to `<path>.tmp-<pid>`, fsyncs and closes it, then renames it over `path`.
/// On any failure the temporary file is removed and `path` is untouched. A process killed while
/// saving leaves its temporary file; the next save to the same path removes it.
inline void write_file_atomically(const std::filesystem::path& path, std::span<const unsigned char> bytes) {
    remove_stale_temporaries(path);
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
