/* Semihosting calls (Arm's debug interface, which QEMU implements with -semihosting-config):
 * text to the host's stdout and an exit status back to it, with no C library behind them, so
 * an image that uses only these links no stdio and no heap. Test images only: on a board with
 * no debugger attached, the bkpt instruction faults. */
#ifndef EXPRNET_EMBEDDED_SEMIHOST_H
#define EXPRNET_EMBEDDED_SEMIHOST_H

enum {
    semihost_sys_write0 = 0x04,         /* write a NUL-terminated string */
    semihost_sys_exit_extended = 0x20,  /* exit with a status (plain SYS_EXIT reports only 0/1) */
    semihost_application_exit = 0x20026 /* ADP_Stopped_ApplicationExit */
};

static inline int semihost_call(int operation, const void* argument) {
    register int r0 __asm__("r0") = operation;
    register const void* r1 __asm__("r1") = argument;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

static inline void semihost_write(const char* text) { semihost_call(semihost_sys_write0, text); }

__attribute__((noreturn)) static inline void semihost_exit(int status) {
    const int block[2] = {semihost_application_exit, status};
    semihost_call(semihost_sys_exit_extended, block);
    for (;;) {
    }
}

#endif
