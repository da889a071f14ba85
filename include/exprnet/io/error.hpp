/// @file
/// Defines `exprnet::io::error`, the exception thrown by the readers and writers in io/ when a
/// file cannot be read or written; its what() names the file and what was wrong.
#pragma once

#include <stdexcept>

namespace exprnet::io {

struct error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace exprnet::io
