// Test support: EXPRNET_ASSERT that throws its message as std::runtime_error, so that a test can
// read the message of a run-time check (exprnet's own stops the program). Include this header
// first, before any exprnet header, and include <exprnet/embedded.hpp> rather than the umbrella:
// nn/'s noexcept functions would turn the throw into std::terminate.
#pragma once

#include <stdexcept>
#include <string>

#define EXPRNET_ASSERT(condition, message) ((condition) ? void(0) : throw std::runtime_error(message))

namespace throwing_assert {

/// The message of the check that fails in f(), or "" if none does.
template <class F>
std::string message_of(F f) {
    try {
        f();
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "";
}

}  // namespace throwing_assert
