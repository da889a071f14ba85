// Force-included (-include) first in the checked images: every Eigen run-time check, among them
// EIGEN_NO_MALLOC's "no heap allocation", is on (no NDEBUG) and reports through semihosting,
// then exits with status 99. The image that runs the nets this way shows that they never
// allocate; heap_trap.cpp shows that an allocation would be caught.
#pragma once

#include "semihost.h"

[[noreturn]] inline void eigen_check_failed(const char* condition, const char* file, int line) {
    char number[12] = {};
    int at = 10;
    do number[at--] = char('0' + line % 10); while ((line /= 10) > 0 && at >= 0);
    semihost_write("EIGEN CHECK FAILED: ");
    semihost_write(condition);
    semihost_write(" at ");
    semihost_write(file);
    semihost_write(":");
    semihost_write(number + at + 1);
    semihost_write("\n");
    semihost_exit(99);
}

#define eigen_assert(x) ((x) ? static_cast<void>(0) : eigen_check_failed(#x, __FILE__, __LINE__))
