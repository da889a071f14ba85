/* Startup code for the example images (replaces crt0, crti and crtbegin; link with
 * -nostartfiles): the vector table, the reset handler (FPU on, .data copied from flash, .bss
 * zeroed, free RAM painted so the stack's high-water mark can be read, static constructors,
 * main, exit through semihosting) and a fault handler that reports the exception and exits with
 * 128 + its number, so that a crash fails the test at once instead of hanging. */
#include "semihost.h"

#include <stdint.h>

extern uint32_t __data_load__, __data_start__, __data_end__, __bss_start__, __bss_end__;
extern uint32_t __stack_limit__, __stack_top__;

int main(void);
void __libc_init_array(void);
void Reset_Handler(void);
void Default_Handler(void);

/* __libc_init_array calls _init, which crti.o provides in a normal link. */
void _init(void) {}
void _fini(void) {}

enum { stack_paint = 0x5AA5F00Du };

/* Bytes of stack ever used: the painted words below the stack top that were overwritten. */
uint32_t stack_high_water_bytes(void) {
    const uint32_t* p = &__stack_limit__;
    while (p < &__stack_top__ && *p == stack_paint) ++p;
    return (uint32_t)((uintptr_t)&__stack_top__ - (uintptr_t)p);
}

void Reset_Handler(void) {
#if defined(__ARM_FP)
    /* Full access to coprocessors 10 and 11 (the FPU), before any float instruction. */
    volatile uint32_t* const cpacr = (volatile uint32_t*)0xE000ED88u;
    *cpacr |= 0xFu << 20;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
    const uint32_t* from = &__data_load__;
    for (uint32_t* to = &__data_start__; to < &__data_end__;) *to++ = *from++;
    for (uint32_t* to = &__bss_start__; to < &__bss_end__;) *to++ = 0;
    /* Paint up to 256 bytes below the current stack pointer (this function's frame). */
    uint32_t* sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    for (uint32_t* to = &__stack_limit__; to < sp - 64; ++to) *to = stack_paint;
    __libc_init_array();
    semihost_exit(main());
}

/* Not noreturn: weak aliases may not point to a noreturn function (-Wmissing-attributes). */
void Default_Handler(void) {
    uint32_t ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    char text[] = "FAULT: exception 0x00\n";
    text[19] = "0123456789abcdef"[(ipsr >> 4) & 0xF];
    text[20] = "0123456789abcdef"[ipsr & 0xF];
    semihost_write(text);
    semihost_exit(128 + (int)(ipsr & 0x1FF));
}

void NMI_Handler(void) __attribute__((weak, alias("Default_Handler")));
void HardFault_Handler(void) __attribute__((weak, alias("Default_Handler")));
void MemManage_Handler(void) __attribute__((weak, alias("Default_Handler")));
void BusFault_Handler(void) __attribute__((weak, alias("Default_Handler")));
void UsageFault_Handler(void) __attribute__((weak, alias("Default_Handler")));
void SVC_Handler(void) __attribute__((weak, alias("Default_Handler")));
void DebugMon_Handler(void) __attribute__((weak, alias("Default_Handler")));
void PendSV_Handler(void) __attribute__((weak, alias("Default_Handler")));
void SysTick_Handler(void) __attribute__((weak, alias("Default_Handler")));

/* Entry 0 is the initial stack pointer, the others are handlers: a union keeps it ISO C. */
typedef union {
    void (*handler)(void);
    uint32_t* stack_top;
} vector_entry;

__attribute__((section(".isr_vector"), used)) const vector_entry vector_table[16] = {
    {.stack_top = &__stack_top__},
    {Reset_Handler},
    {NMI_Handler},
    {HardFault_Handler},
    {MemManage_Handler},
    {BusFault_Handler},
    {UsageFault_Handler},
    {0},
    {0},
    {0},
    {0},
    {SVC_Handler},
    {DebugMon_Handler},
    {0},
    {PendSV_Handler},
    {SysTick_Handler},
};
