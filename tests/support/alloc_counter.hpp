/// @file
/// Test support: counts heap allocations, two ways (and records the largest request to operator
/// new, which can also be made to fail above a size, to test running out of memory).
///   * Every variant of the global operator new/delete (plain, array, nothrow, aligned, sized)
///     is replaced by a counting one: catches std::vector, std::string, new-expressions.
///   * Eigen allocates through std::malloc (internal::aligned_malloc), which operator new never
///     sees: EIGEN_RUNTIME_NO_MALLOC with set_is_malloc_allowed(false) catches those. Its check
///     is an eigen_assert, redefined here to count the attempt instead of aborting, so that a
///     test reports every allocating call instead of dying at the first.
///
/// Include this header FIRST (before any Eigen or exprnet header), in exactly one file per
/// test executable: it defines the replacement operators (which may not be inline).
///
///   const auto n = alloc_counter::count([&] { program(p, g, x = xb, y = yb); });
///   BOOST_TEST(n.operator_new == 0);
///   BOOST_TEST(n.eigen_malloc == 0);
#pragma once

#if defined(EIGEN_CORE_MODULE_H) || defined(EIGEN_CORE_H)
#error "support/alloc_counter.hpp must be included before Eigen"
#endif

#define EIGEN_RUNTIME_NO_MALLOC

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>

namespace alloc_counter {

inline std::size_t operator_news = 0;   ///< calls of any operator new
inline std::size_t eigen_mallocs = 0;   ///< Eigen allocations while forbidden
inline std::size_t largest_request = 0; ///< the largest size asked of operator new (reset at will)
/// operator new fails (std::bad_alloc, or nullptr for nothrow) above this size: out of memory.
inline std::size_t refuse_above = static_cast<std::size_t>(-1);

/// eigen_assert: counts "heap allocation is forbidden" failures, aborts on any other failure.
constexpr void eigen_check(bool ok, const char* what, const char* file, int line) {
    if (ok) return;
    if (std::strstr(what, "heap allocation is forbidden") != nullptr) {
        ++eigen_mallocs;
        return;
    }
    std::fprintf(stderr, "%s:%d: eigen_assert(%s) failed\n", file, line, what);
    std::abort();
}

}  // namespace alloc_counter

#define eigen_assert(x) ::alloc_counter::eigen_check(static_cast<bool>(x), #x, __FILE__, __LINE__)

#include <Eigen/Core>

namespace alloc_counter {

struct counts {
    std::size_t operator_new = 0;
    std::size_t eigen_malloc = 0;
};

/// Runs f with Eigen's allocations forbidden and returns the allocations it attempted.
template <class F>
counts count(F&& f) {
    const std::size_t news = operator_news;
    const std::size_t mallocs = eigen_mallocs;
    Eigen::internal::set_is_malloc_allowed(false);
    f();
    Eigen::internal::set_is_malloc_allowed(true);
    return {operator_news - news, eigen_mallocs - mallocs};
}

inline void* allocate(std::size_t size) {
    ++operator_news;
    if (size > largest_request) largest_request = size;
    if (size > refuse_above) return nullptr;
    if (void* p = std::malloc(size ? size : 1)) return p;
    return nullptr;
}
inline void* allocate(std::size_t size, std::align_val_t al) {
    ++operator_news;
    if (size > largest_request) largest_request = size;
    if (size > refuse_above) return nullptr;
    const auto a = static_cast<std::size_t>(al);
    const std::size_t rounded = (size + a - 1) / a * a;
    return std::aligned_alloc(a, rounded ? rounded : a);
}

/// Not inlined: GCC would otherwise see free() of what it takes for the built-in operator new
/// and warn (-Wmismatched-new-delete) about our own, matching, pair.
[[gnu::noinline]] inline void release(void* p) noexcept { std::free(p); }

}  // namespace alloc_counter

// ---- the replacements: [new.delete.single], [new.delete.array] --------------------------------

void* operator new(std::size_t size) {
    if (void* p = alloc_counter::allocate(size)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
    if (void* p = alloc_counter::allocate(size)) return p;
    throw std::bad_alloc();
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return alloc_counter::allocate(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return alloc_counter::allocate(size); }
void* operator new(std::size_t size, std::align_val_t al) {
    if (void* p = alloc_counter::allocate(size, al)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t size, std::align_val_t al) {
    if (void* p = alloc_counter::allocate(size, al)) return p;
    throw std::bad_alloc();
}
void* operator new(std::size_t size, std::align_val_t al, const std::nothrow_t&) noexcept {
    return alloc_counter::allocate(size, al);
}
void* operator new[](std::size_t size, std::align_val_t al, const std::nothrow_t&) noexcept {
    return alloc_counter::allocate(size, al);
}

void operator delete(void* p) noexcept { alloc_counter::release(p); }
void operator delete[](void* p) noexcept { alloc_counter::release(p); }
void operator delete(void* p, std::size_t) noexcept { alloc_counter::release(p); }
void operator delete[](void* p, std::size_t) noexcept { alloc_counter::release(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { alloc_counter::release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { alloc_counter::release(p); }
void operator delete(void* p, std::align_val_t) noexcept { alloc_counter::release(p); }
void operator delete[](void* p, std::align_val_t) noexcept { alloc_counter::release(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { alloc_counter::release(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { alloc_counter::release(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { alloc_counter::release(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { alloc_counter::release(p); }
