/// @file
/// Defines `EXPRNET_ASSERT(condition, message)`, the run-time check for data handed to a
/// program (wrong batch size, wrong rows). Define it yourself before including exprnet to
/// route failures elsewhere (an embedded build may trap); the default prints and aborts.
/// Shapes/Backward/Evaluation: none.
#pragma once

#ifndef EXPRNET_ASSERT
#include <cstdio>
#include <cstdlib>

namespace exprnet::detail {
[[noreturn]] inline void assertion_failed(const char* message, const char* file, int line) {
    std::fprintf(stderr, "%s:%d: %s\n", file, line, message);
    std::abort();
}
}  // namespace exprnet::detail

#define EXPRNET_ASSERT(condition, message)                                                     \
    ((condition) ? void(0) : ::exprnet::detail::assertion_failed(message, __FILE__, __LINE__))
#endif
