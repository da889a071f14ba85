// How the example programs print, on a Cortex-M under QEMU (semihosting) and on the host
// (stdout), in one format that firmware_test.py reads:
//
//   value <name> <index> <decimal> 0x<IEEE bits>      a result: compared bit for bit
//   figure <name> <integer>                           a figure (bytes, counts), compared too
//   target <name> <integer>                           a target-only measurement (stack use)
//
// Formatting uses integer arithmetic only: printf would link newlib's stdio, which allocates
// (a heap) and adds about 20 KB of flash.
#pragma once

#include <bit>
#include <cstdint>

#if defined(__arm__)
#include "firmware/semihost.h"
extern "C" std::uint32_t stack_high_water_bytes(void);  // firmware/startup.c
#else
#include <cstdio>
#endif

namespace report {

/// A line under construction; written out by `end`.
class line {
public:
    line& text(const char* s) {
        while (*s && used_ < capacity - 1) buffer_[used_++] = *s++;
        return *this;
    }
    line& integer(long v) {
        char digits[24];
        int n = 0;
        unsigned long u = v < 0 ? 0ul - static_cast<unsigned long>(v) : static_cast<unsigned long>(v);
        do digits[n++] = char('0' + u % 10); while (u /= 10);
        if (v < 0) digits[n++] = '-';
        while (n > 0 && used_ < capacity - 1) buffer_[used_++] = digits[--n];
        return *this;
    }
    line& hex(std::uint32_t v) {
        text("0x");
        for (int shift = 28; shift >= 0; shift -= 4) {
            const char digit[2] = {"0123456789abcdef"[(v >> shift) & 0xF], 0};
            text(digit);
        }
        return *this;
    }
    /// Fixed point with 6 decimals, truncated (for reading; the bits are what is compared).
    line& decimal(float v) {
        const std::uint32_t bits = std::bit_cast<std::uint32_t>(v);
        if ((bits & 0x7F800000u) == 0x7F800000u) return text(bits & 0x007FFFFFu ? "nan" : v < 0 ? "-inf" : "inf");
        if (bits >> 31) text("-");
        const float a = std::bit_cast<float>(bits & 0x7FFFFFFFu);
        if (a >= 2147483648.0f) return text("big");
        const auto whole = static_cast<long>(a);
        integer(whole);
        text(".");
        // float arithmetic only (the M4F has no double-precision FPU)
        const auto micro = static_cast<long>((a - static_cast<float>(whole)) * 1000000.0f);
        for (long scale = 100000; scale > 0; scale /= 10) {
            const char digit[2] = {char('0' + (micro / scale) % 10), 0};
            text(digit);
        }
        return *this;
    }
    void end() {
        buffer_[used_++] = '\n';
        buffer_[used_] = 0;
#if defined(__arm__)
        semihost_write(buffer_);
#else
        std::fputs(buffer_, stdout);
#endif
        used_ = 0;
    }

private:
    static constexpr int capacity = 120;
    char buffer_[capacity + 1] = {};
    int used_ = 0;
};

inline void value(const char* name, int index, float v) {
    line().text("value ").text(name).text(" ").integer(index).text(" ").decimal(v).text(" ").hex(std::bit_cast<std::uint32_t>(v)).end();
}

inline void figure(const char* name, long n) { line().text("figure ").text(name).text(" ").integer(n).end(); }

/// On the target: a measurement only the target makes (instructions, stack), not compared.
inline void target(const char* name, long n) {
#if defined(__arm__)
    line().text("target ").text(name).text(" ").integer(n).end();
#else
    static_cast<void>(name), static_cast<void>(n);
#endif
}

/// On the target: the most stack used so far (startup.c paints free RAM before main).
inline void stack_use() {
#if defined(__arm__)
    line().text("target stack_high_water_bytes ").integer(long(stack_high_water_bytes())).end();
#endif
}

}  // namespace report
