# Proves that the compile-fail harness can fail (see tests/fail/CMakeLists.txt).
#
#   cmake -DCTEST=<ctest> -DHARNESS_DIR=<dir> -DEXPECTED_FAILURES=<n> -DMUST_CONTAIN=<text>
#         [-DCONFIG=<cfg>] -P exprnet_fail_sanity.cmake
#
# HARNESS_DIR holds a CTestTestfile.cmake whose tests are registered exactly like real ko tests
# (same command, same PASS_REGULAR_EXPRESSION), but whose builds must be rejected. Runs CTest
# there and succeeds iff every one of those tests fails, there are EXPECTED_FAILURES of them,
# and the output contains MUST_CONTAIN (evidence that the wrong-error probe really reached the
# compiler rather than failing for some trivial reason).
cmake_minimum_required(VERSION 3.25)

foreach(var IN ITEMS CTEST HARNESS_DIR EXPECTED_FAILURES MUST_CONTAIN)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "exprnet-fail-sanity: missing -D${var}=...")
  endif()
endforeach()

set(cmd "${CTEST}" --test-dir "${HARNESS_DIR}" --output-on-failure)
if(NOT "${CONFIG}" STREQUAL "")
  list(APPEND cmd -C "${CONFIG}")
endif()
execute_process(COMMAND ${cmd} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
message("---- nested ctest (every test below must FAIL) ----\n${out}\n---- end of nested ctest ----")

set(problems "")
if(rc EQUAL 0)
  string(APPEND problems "\n  nested ctest succeeded; the harness accepted a bad ko build")
endif()
if(NOT out MATCHES "([0-9]+) tests failed out of ([0-9]+)")
  string(APPEND problems "\n  cannot find the nested ctest summary line")
elseif(NOT CMAKE_MATCH_1 EQUAL EXPECTED_FAILURES OR NOT CMAKE_MATCH_2 EQUAL EXPECTED_FAILURES)
  string(APPEND problems "\n  expected ${EXPECTED_FAILURES} of ${EXPECTED_FAILURES} tests to fail, "
                         "got ${CMAKE_MATCH_1} of ${CMAKE_MATCH_2}")
endif()
string(FIND "${out}" "${MUST_CONTAIN}" at)
if(at EQUAL -1)
  string(APPEND problems "\n  the output does not contain '${MUST_CONTAIN}'")
endif()

if(problems)
  message(FATAL_ERROR "exprnet-fail-sanity: the compile-fail harness is broken:${problems}")
endif()
message("exprnet-fail-sanity: OK, the harness rejected all ${EXPECTED_FAILURES} bad builds.")
