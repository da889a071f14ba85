# CMake toolchain file for bare-metal Arm Cortex-M with Debian's arm-none-eabi GCC 12
# (packages gcc-arm-none-eabi, libnewlib-arm-none-eabi, libstdc++-arm-none-eabi-dev).
#
#   cmake -S <project> -B build-arm --toolchain <exprnet>/cmake/arm-none-eabi.cmake [-DEXPRNET_CORTEX=m7]
#
# EXPRNET_CORTEX picks the core and its floating-point unit:
#   m4f (default)  Cortex-M4 with FPv4-SP, hard float     QEMU board mps2-an386
#   m7             Cortex-M7 with FPv5-D16, hard float    QEMU board mps2-an500
#   m33            Cortex-M33 with FPv5-SP, hard float    QEMU board mps2-an505
#   m3             Cortex-M3, no FPU (soft float)         QEMU board lm3s6965evb
#   m0             Cortex-M0 (ARMv6-M), soft float        QEMU board microbit (nRF51)
# After the project() call, EXPRNET_CORTEX_FLAGS holds those flags and EXPRNET_QEMU_BOARD the
# board (linker scripts for each: examples/embedded/firmware/boards/).
#
# It sets only the compilers and the core. The flags an embedded build of exprnet needs
# (-fno-exceptions -fno-rtti, no heap, Eigen and Boost as system headers without the host's
# /usr/include) come with cmake/exprnet_embedded.cmake's exprnet_embedded_target().
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

include("${CMAKE_CURRENT_LIST_DIR}/exprnet_cortex_cores.cmake")

set(EXPRNET_CORTEX m4f CACHE STRING "Cortex-M core: m4f, m7, m33, m3 or m0")
set_property(CACHE EXPRNET_CORTEX PROPERTY STRINGS ${EXPRNET_CORTEX_CORES})
# try_compile projects see the choice too.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES EXPRNET_CORTEX)

exprnet_cortex_core(${EXPRNET_CORTEX} EXPRNET_CORTEX_FLAGS EXPRNET_QEMU_BOARD)

find_program(EXPRNET_ARM_GCC arm-none-eabi-gcc)
if(NOT EXPRNET_ARM_GCC)
  message(FATAL_ERROR "arm-none-eabi.cmake: arm-none-eabi-gcc not found; install the Debian packages "
                      "gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-dev")
endif()
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_CXX_COMPILER arm-none-eabi-g++)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
set(CMAKE_OBJCOPY arm-none-eabi-objcopy CACHE FILEPATH "")
set(CMAKE_SIZE arm-none-eabi-size CACHE FILEPATH "")
set(CMAKE_NM arm-none-eabi-nm CACHE FILEPATH "")

list(JOIN EXPRNET_CORTEX_FLAGS " " exprnet_cortex_flags_string)
set(CMAKE_C_FLAGS_INIT "${exprnet_cortex_flags_string}")
set(CMAKE_CXX_FLAGS_INIT "${exprnet_cortex_flags_string}")
set(CMAKE_ASM_FLAGS_INIT "${exprnet_cortex_flags_string}")
# Bare metal has no crt0 and no syscalls: compiler checks build a library, not a program.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# Headers and libraries of the target come from the cross compiler's own tree (newlib), never
# from the host's /usr/include; programs (qemu, nm) from the host.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
