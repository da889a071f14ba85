// libFuzzer harnesses of the io/ readers (tests/fuzz/*.cpp, built by tests/fuzz/CMakeLists.txt
// with clang's -fsanitize=fuzzer,address,undefined). Each harness writes the input to a file,
// since the readers take paths, and checks the readers' promises (docs/reliability.md):
//   * only io::error escapes (anything else aborts, which libFuzzer reports as a crash);
//   * on failure the destination is unchanged (the caller's arena keeps its sentinel values);
//   * no sanitizer report, no leak; libFuzzer's -timeout and -rss_limit_mb bound each input's
//     time and memory (scripts/fuzz.sh and the CTest entries pass them).
#pragma once

#include <exprnet/io/error.hpp>

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>

namespace fuzz {

/// A file of this process for the inputs, in TMPDIR (or /tmp), removed at exit.
inline const std::filesystem::path& input_file(const char* suffix) {
    static const std::filesystem::path path = [&] {
        const char* dir = std::getenv("TMPDIR");
        return std::filesystem::path(dir && *dir ? dir : "/tmp") /
               ("exprnet-fuzz-" + std::to_string(::getpid()) + suffix);
    }();
    static const struct remover {
        ~remover() {
            std::error_code ignored;
            std::filesystem::remove(path, ignored);
        }
    } remove_at_exit;
    return path;
}

inline void write(const std::filesystem::path& path, const std::uint8_t* data, std::size_t size) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f || (size && std::fwrite(data, 1, size, f) != size) || std::fclose(f) != 0) {
        std::perror("fuzz harness: cannot write its input file");
        std::abort();
    }
}

/// Runs `read`; returns whether it succeeded. io::error is a refusal; any other exception is a
/// broken promise: it is printed and aborts (a crash, for libFuzzer).
template <class Read>
bool refuses_cleanly(Read&& read) {
    try {
        read();
        return true;
    } catch (const exprnet::io::error&) {
        return false;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fuzz harness: a reader threw %s, not io::error: %s\n", typeid(e).name(), e.what());
        std::abort();
    } catch (...) {
        std::fprintf(stderr, "fuzz harness: a reader threw something that is not io::error\n");
        std::abort();
    }
}

[[noreturn]] inline void broken(const char* promise) {
    std::fprintf(stderr, "fuzz harness: broken promise: %s\n", promise);
    std::abort();
}

}  // namespace fuzz
