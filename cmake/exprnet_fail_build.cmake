# Build one compile-fail probe; used by the fail.* CTest entries (see tests/fail/CMakeLists.txt).
#
#   cmake -DBUILD_DIR=<dir> -DTARGET=<target> -DEXPECT=success|failure [-DCONFIG=<cfg>]
#         -P exprnet_fail_build.cmake
#   cmake -DPROBLEM=<text> -P exprnet_fail_build.cmake      (a misconfigured test: always fails)
#
# EXPECT=success (the ok variant): prints the build output; fails iff the build fails.
# EXPECT=failure (the ko variant): the CTest entry carries PASS_REGULAR_EXPRESSION, and CTest
#   ignores the exit code of such a test. So when the build *fails*, its output is printed for
#   the regex to look at; when the build *succeeds*, the output is withheld, so that a ko
#   variant which compiles can never pass by an accidental match in its output.
cmake_minimum_required(VERSION 3.25)

if(DEFINED PROBLEM)
  message(FATAL_ERROR "exprnet-fail-test: ${PROBLEM}")
endif()
foreach(var IN ITEMS BUILD_DIR TARGET EXPECT)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "exprnet-fail-test: missing -D${var}=...")
  endif()
endforeach()
if(NOT EXPECT MATCHES "^(success|failure)$")
  message(FATAL_ERROR "exprnet-fail-test: EXPECT must be success or failure, not '${EXPECT}'")
endif()

set(build_cmd "${CMAKE_COMMAND}" --build "${BUILD_DIR}" --target "${TARGET}")
if(NOT "${CONFIG}" STREQUAL "")
  list(APPEND build_cmd --config "${CONFIG}")
endif()

# Plain ASCII diagnostics whatever the caller's locale (GCC quotes with U+2018/U+2019 otherwise).
set(ENV{LC_ALL} C)
execute_process(COMMAND ${build_cmd} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)

if(EXPECT STREQUAL "success")
  message("${out}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "exprnet-fail-test: ${TARGET} must compile, but its build failed (${rc}).")
  endif()
  message("exprnet-fail-test: ${TARGET} compiled, as it must.")
elseif(rc EQUAL 0)
  # Keep this text free of anything taken from the test (target name, file, regex).
  message(FATAL_ERROR "exprnet-fail-test: UNEXPECTED SUCCESS. This variant compiled, but it must "
                      "not; its build output is withheld so the expected-error regex cannot match.")
else()
  message("${out}")
  message("exprnet-fail-test: ${TARGET} failed to compile; CTest checks the message.")
endif()
