# exprnet_embedded_target(<target> LINKER_SCRIPT <file.ld> [CHECKED])
#
# Makes <target> a bare-metal image that uses exprnet, for a build configured with
# cmake/arm-none-eabi.cmake:
#   * exprnet's headers, Eigen's and Boost's, as system headers (Boost through a folder holding
#     only a `boost` link: adding the host's /usr/include would mix glibc into newlib);
#   * C++20 without exceptions, RTTI or thread-safe statics; -ffp-contract=off, so results do
#     not depend on whether the compiler fuses a*b+c (the host comparison wants the same bits);
#   * EIGEN_NO_MALLOC and EXPRNET_FREESTANDING (exprnet's run-time checks trap, no stdio);
#   * linked by arm-none-eabi-gcc with newlib-nano, -lm, no C++ runtime, no start files and no
#     system-call library: a reference to malloc, free, _sbrk or operator new fails the link,
#     which proves the image has no heap;
#   * CHECKED: asserts stay on (no NDEBUG even in MinSizeRel), so Eigen's EIGEN_NO_MALLOC
#     check runs; where a failed check goes is the caller's choice (the example force-includes
#     a header that defines eigen_assert: examples/embedded/firmware/checked_eigen.hpp).
# A map file <target>.map is written next to the image.
include_guard(GLOBAL)

get_filename_component(exprnet_embedded_root "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)

find_path(EXPRNET_EIGEN_INCLUDE_DIR Eigen/Core PATHS /usr/include/eigen3 NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
find_path(EXPRNET_BOOST_PARENT_DIR boost/hana.hpp PATHS /usr/include NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
if(NOT EXPRNET_EIGEN_INCLUDE_DIR OR NOT EXPRNET_BOOST_PARENT_DIR)
  message(FATAL_ERROR "exprnet_embedded.cmake: Eigen (libeigen3-dev) or Boost.Hana (libboost-dev) not found")
endif()
set(exprnet_boost_only_dir "${CMAKE_BINARY_DIR}/exprnet-boost-only")
file(MAKE_DIRECTORY "${exprnet_boost_only_dir}")
file(CREATE_LINK "${EXPRNET_BOOST_PARENT_DIR}/boost" "${exprnet_boost_only_dir}/boost" SYMBOLIC)

function(exprnet_embedded_target tgt)
  cmake_parse_arguments(PARSE_ARGV 1 arg "CHECKED" "LINKER_SCRIPT" "")
  if(NOT arg_LINKER_SCRIPT)
    message(FATAL_ERROR "exprnet_embedded_target(${tgt}): LINKER_SCRIPT is required")
  endif()
  get_filename_component(script_dir "${arg_LINKER_SCRIPT}" DIRECTORY)
  target_include_directories(${tgt} SYSTEM PRIVATE
    "${exprnet_embedded_root}/include" "${EXPRNET_EIGEN_INCLUDE_DIR}" "${exprnet_boost_only_dir}")
  set_target_properties(${tgt} PROPERTIES CXX_STANDARD 20 CXX_STANDARD_REQUIRED ON CXX_EXTENSIONS OFF
                                          C_STANDARD 11 C_EXTENSIONS OFF LINKER_LANGUAGE C)
  target_compile_definitions(${tgt} PRIVATE EIGEN_NO_MALLOC EXPRNET_FREESTANDING)
  target_compile_options(${tgt} PRIVATE -ffunction-sections -fdata-sections -ffp-contract=off
    $<$<COMPILE_LANGUAGE:CXX>:-fno-exceptions -fno-rtti -fno-threadsafe-statics>)
  if(arg_CHECKED)
    target_compile_options(${tgt} PRIVATE -UNDEBUG)
  endif()
  target_link_options(${tgt} PRIVATE --specs=nano.specs -nostartfiles -Wl,--gc-sections
    "-L${script_dir}" "-T${arg_LINKER_SCRIPT}" "-Wl,-Map=$<TARGET_FILE:${tgt}>.map")
  target_link_libraries(${tgt} PRIVATE m)
  set_property(TARGET ${tgt} APPEND PROPERTY LINK_DEPENDS "${arg_LINKER_SCRIPT}")
endfunction()
