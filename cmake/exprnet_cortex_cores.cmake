# The Cortex-M cores exprnet builds for, in one table: used by the toolchain file
# (cmake/arm-none-eabi.cmake) and by the host build that tests each core under QEMU
# (examples/embedded/CMakeLists.txt).
#
#   EXPRNET_CORTEX_CORES                        m4f m7 m33 m3 m0
#   exprnet_cortex_core(<core> <flags-var> <board-var>)
#                                               the core's compiler flags and its QEMU board

set(EXPRNET_CORTEX_CORES m4f m7 m33 m3 m0)

function(exprnet_cortex_core core flags_var board_var)
  if(core STREQUAL "m4f")
    set(flags -mcpu=cortex-m4 -mthumb -mfpu=fpv4-sp-d16 -mfloat-abi=hard)
    set(board mps2-an386)
  elseif(core STREQUAL "m7")
    set(flags -mcpu=cortex-m7 -mthumb -mfpu=fpv5-d16 -mfloat-abi=hard)
    set(board mps2-an500)
  elseif(core STREQUAL "m33")
    set(flags -mcpu=cortex-m33 -mthumb -mfpu=fpv5-sp-d16 -mfloat-abi=hard)
    set(board mps2-an505)
  elseif(core STREQUAL "m3")
    set(flags -mcpu=cortex-m3 -mthumb -mfloat-abi=soft)
    set(board lm3s6965evb)
  elseif(core STREQUAL "m0")
    set(flags -mcpu=cortex-m0 -mthumb -mfloat-abi=soft)
    set(board microbit)
  else()
    message(FATAL_ERROR "exprnet: the Cortex-M core is '${core}'; use m4f, m7, m33, m3 or m0")
  endif()
  set(${flags_var} "${flags}" PARENT_SCOPE)
  set(${board_var} "${board}" PARENT_SCOPE)
endfunction()
