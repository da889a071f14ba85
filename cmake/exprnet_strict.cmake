# exprnet_strict_target(<target>)
#
# Flags for exprnet's *own* executables (tests, examples, benchmarks, compile-fail probes).
# Never applied to the INTERFACE target `exprnet`, so consumers keep their own flags.
#
#   * -Wall -Wextra -Wpedantic, plus -Werror when EXPRNET_WERROR is ON (OFF by default, ON in
#     scripts/test.sh and so in CI);
#   * ISO C++ (-std=c++20, not gnu++20);
#   * -fsanitize=address,undefined ... on compile and link when EXPRNET_SANITIZE is ON;
#   * -O1 -g1 when no build type was chosen (single-config generators): quick to compile, quick
#     to run, asserts stay on, and line tables give file:line in sanitizer reports and
#     backtraces. (Full -g made a template-heavy test TU ~40% slower to compile and ~45% bigger
#     in compiler memory with g++ 12.) An explicit CMAKE_BUILD_TYPE (Debug for a debugger,
#     Release, RelWithDebInfo, ...) always wins.
#
# exprnet_test_environment(<test>...) sets the runtime environment our tests want
# (sanitizer options when EXPRNET_SANITIZE is ON; use-after-return detection is on because
# dangling references to temporaries are the classic expression-template bug).

include_guard(GLOBAL)

get_property(exprnet_multi_config GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
if(NOT exprnet_multi_config AND NOT CMAKE_BUILD_TYPE)
  message(STATUS "exprnet: no CMAKE_BUILD_TYPE given; tests, examples and benchmarks use -O1 -g1")
  set(exprnet_default_opt_flags -O1 -g1)
else()
  set(exprnet_default_opt_flags "")
endif()

set(exprnet_sanitize_flags -fsanitize=address,undefined -fno-omit-frame-pointer
                           -fno-sanitize-recover=all)

function(exprnet_strict_target tgt)
  set_target_properties(${tgt} PROPERTIES CXX_EXTENSIONS OFF)
  if(MSVC)
    target_compile_options(${tgt} PRIVATE /W4 /permissive- $<$<BOOL:${EXPRNET_WERROR}>:/WX>)
    return()
  endif()
  target_compile_options(${tgt} PRIVATE -Wall -Wextra -Wpedantic ${exprnet_default_opt_flags})
  if(EXPRNET_WERROR)
    target_compile_options(${tgt} PRIVATE -Werror)
  endif()
  if(EXPRNET_SANITIZE)
    target_compile_options(${tgt} PRIVATE ${exprnet_sanitize_flags})
    target_link_options(${tgt} PRIVATE ${exprnet_sanitize_flags})
  endif()
endfunction()

function(exprnet_test_environment)
  if(EXPRNET_SANITIZE)
    set_property(TEST ${ARGN} APPEND PROPERTY ENVIRONMENT
      "ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=1"
      "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
  endif()
endfunction()
