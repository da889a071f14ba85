/// @file
/// Defines `exprnet::io::error`, the exception thrown by the weight-file functions of
/// include/exprnet/io/ (npz.hpp, cpp_header.hpp) and the data readers (idx.hpp). Its message names the
/// file, the array or record, and what was expected against what was found.
/// Why an exception: loading and saving happen outside any program call, rarely, and a failure
/// there has one sensible handler far up (report and stop, or keep the old weights); the core
/// headers never include io/, so an embedded build without exceptions is unaffected.
#pragma once

#include <stdexcept>

namespace exprnet::io {

/// A weight or data file could not be read or written; what() says what was wrong and where.
class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace exprnet::io
