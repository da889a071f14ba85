/// @file
/// Internal: `call_guard`, the re-entrancy guard of a program object. A program's workspace
/// holds the values of one call, so two calls on one object at once (two threads, or a call
/// from inside a callback of another) would overwrite each other's values and return wrong
/// results silently. Each call takes the guard with one atomic exchange, so overlapping calls
/// always stop with EXPRNET_ASSERT (in every build), whichever thread comes second.
/// The supported model: one program object per thread (copying a program copies no guard state),
/// params arenas shared read-only (docs/evaluation.md, "Threads").
#pragma once

#include <exprnet/core/assert.hpp>

#include <atomic>

namespace exprnet::detail {

#if defined(__ARM_ARCH_6M__)
// ARMv6-M (Cortex-M0, M0+) has no exclusive loads and stores, hence no lock-free atomic
// exchange (it would call libatomic, which a bare-metal image does not link): one core, so the
// guard is taken with interrupts masked instead.
struct call_guard {
    bool busy = false;  // read and written as volatile (a volatile member would make programs non-literal)

    call_guard() = default;
    call_guard(const call_guard&) noexcept {}
    call_guard& operator=(const call_guard&) noexcept { return *this; }

    /// Takes the guard; true if it was free.
    bool enter() noexcept {
        unsigned primask;
        __asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(primask)::"memory");
        volatile bool& flag = busy;
        const bool was_busy = flag;
        flag = true;
        __asm__ volatile("msr primask, %0" ::"r"(primask) : "memory");
        return !was_busy;
    }
    void leave() noexcept {
        __asm__ volatile("" ::: "memory");
        static_cast<volatile bool&>(busy) = false;
    }
};
#else
struct call_guard {
    std::atomic<bool> busy{false};

    call_guard() = default;
    // A copy is a new program object, idle: the copy does not share (or copy) a call in progress.
    call_guard(const call_guard&) noexcept {}
    call_guard& operator=(const call_guard&) noexcept { return *this; }

    /// Takes the guard; true if it was free.
    bool enter() noexcept { return !busy.exchange(true, std::memory_order_acquire); }
    void leave() noexcept { busy.store(false, std::memory_order_release); }
};
#endif

/// Holds the guard for one call (or reserve), released at the end of the scope.
class call_scope {
public:
    // Not noexcept: a user's EXPRNET_ASSERT may throw.
    explicit call_scope(call_guard& guard) : guard_(guard) {
        EXPRNET_ASSERT(guard_.enter(),
                       "exprnet: program call: this program object is already in a call, from another thread or from "
                       "a callback inside a call; a program's workspace holds the values of one call. Fix: give each "
                       "thread its own program (auto mine = train; copies it); the params arena can be shared "
                       "read-only (docs/evaluation.md, \"Threads\").");
    }
    ~call_scope() { guard_.leave(); }
    call_scope(const call_scope&) = delete;
    call_scope& operator=(const call_scope&) = delete;

private:
    call_guard& guard_;
};

}  // namespace exprnet::detail
