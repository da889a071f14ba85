/// @file
/// Defines `exprnet::io::error`, the exception thrown by the weight-file functions of
/// include/exprnet/io/ (npz.hpp, cpp_header.hpp) and the data readers (idx.hpp). Its message names the
/// file, the array or record, and what was expected against what was found.
/// Why an exception: loading and saving happen outside any program call, rarely, and a failure
/// there has one sensible handler far up (report and stop, or keep the old weights); the core
/// headers never include io/, so an embedded build without exceptions is unaffected.
#pragma once

#include <new>
#include <stdexcept>
#include <string>

namespace exprnet::io {

/// A weight or data file could not be read or written; what() says what was wrong and where.
class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

namespace detail {

/// Runs `work` (reading or writing `file`), turning std::bad_alloc into io::error: a file that
/// needs more memory than there is is one more way for a file to fail, not a different exception.
template <class Work>
decltype(auto) out_of_memory_is_an_error(const std::string& file, const char* doing, Work&& work) {
    try {
        return work();
    } catch (const std::bad_alloc&) {
        throw error(file + ": out of memory while " + doing + " it");
    }
}

}  // namespace detail

}  // namespace exprnet::io
