/// @file
/// Defines `EXPRNET_ASSERT(condition, message)`, the run-time check for data handed to a
/// program (wrong batch size, wrong rows). Define it yourself before including exprnet to
/// route failures elsewhere; `message` is a `const char*` that may point into a temporary
/// (a program call's messages name the input and the sizes), valid while the macro's
/// expression is evaluated, and evaluated only when the condition is false. The default prints and aborts; with EXPRNET_FREESTANDING defined
/// (embedded builds: cmake/exprnet_embedded.cmake defines it) it traps instead, so that no stdio
/// is linked (a Cortex-M HardFault, which the startup code's fault handler reports).
/// Shapes/Backward/Evaluation: none.
#pragma once

#if !defined(EXPRNET_ASSERT) && defined(EXPRNET_FREESTANDING)
// The message is not evaluated (sizeof): no text is built and none reaches the flash.
#define EXPRNET_ASSERT(condition, message) ((condition) ? void(0) : (static_cast<void>(sizeof(message)), __builtin_trap()))
#endif

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
