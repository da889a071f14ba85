# Doc-snippet drift check, run by the CTest entry docs.snippets:
#
#   cmake -DROOT=<exprnet source tree> -P exprnet_check_snippets.cmake
#
# In README.md and docs/**/*.md, a line that is exactly
#
#   <!-- snippet: examples/<file>.cpp -->
#
# (starting in column 0) must be followed directly by a ```cpp fence (```python for a script,
# ```text for a file that is not code, such as a printed program under docs/listings/), and the
# fenced block must
# equal <file> byte for byte; trailing newlines are ignored on both sides. The path is
# relative to ROOT. Every mismatch is reported as `<doc>:<line>: error: ...`.
cmake_minimum_required(VERSION 3.25)

if(NOT DEFINED ROOT OR NOT IS_DIRECTORY "${ROOT}")
  message(FATAL_ERROR "docs.snippets: pass -DROOT=<exprnet source tree>")
endif()

# Number of the line that contains byte <pos> of <text> (1-based).
function(line_of out text pos)
  string(SUBSTRING "${text}" 0 ${pos} before)
  string(REGEX REPLACE "[^\n]" "" newlines "${before}")
  string(LENGTH "${newlines}" n)
  math(EXPR n "${n} + 1")
  set(${out} ${n} PARENT_SCOPE)
endfunction()

# Length of the longest common prefix of <a> and <b> (binary search, O(n log n)).
function(common_prefix out a b)
  string(LENGTH "${a}" la)
  string(LENGTH "${b}" lb)
  set(lo 0)
  if(la LESS lb)
    set(hi ${la})
  else()
    set(hi ${lb})
  endif()
  while(lo LESS hi)
    math(EXPR mid "(${lo} + ${hi} + 1) / 2")
    string(SUBSTRING "${a}" 0 ${mid} pa)
    string(SUBSTRING "${b}" 0 ${mid} pb)
    if("${pa}" STREQUAL "${pb}")
      set(lo ${mid})
    else()
      math(EXPR hi "${mid} - 1")
    endif()
  endwhile()
  set(${out} ${lo} PARENT_SCOPE)
endfunction()

function(strip_trailing_newlines var)
  string(REGEX REPLACE "[\r\n]+$" "" value "${${var}}")
  set(${var} "${value}" PARENT_SCOPE)
endfunction()

set(marker_re "\n<!--[ \t]*snippet:[ \t]*([^ \t\r\n]+)[ \t]*-->[ \t]*\r?\n")
set(fence_re "^```(cpp|text|python)[ \t]*\r?\n")

file(GLOB_RECURSE docs RELATIVE "${ROOT}" "${ROOT}/docs/*.md")
if(EXISTS "${ROOT}/README.md")
  list(PREPEND docs README.md)
endif()

set(checked 0)
set(errors 0)
foreach(doc IN LISTS docs)
  file(READ "${ROOT}/${doc}" text)
  set(text "\n${text}")  # so that a marker on the first line is preceded by a newline too
  set(offset 0)          # where the unsearched rest of `text` starts
  while(TRUE)
    string(SUBSTRING "${text}" ${offset} -1 rest)
    string(REGEX MATCH "${marker_re}" marker "${rest}")
    if(marker STREQUAL "")
      break()
    endif()
    set(snippet "${CMAKE_MATCH_1}")
    string(FIND "${rest}" "${marker}" at)
    string(LENGTH "${marker}" marker_len)
    math(EXPR marker_pos "${offset} + ${at} + 1")          # the '<' of the marker
    math(EXPR offset "${offset} + ${at} + ${marker_len}")  # the line after the marker
    line_of(line "${text}" ${marker_pos})
    math(EXPR line "${line} - 1")                          # minus the newline we prepended
    set(where "${doc}:${line}")

    string(SUBSTRING "${text}" ${offset} -1 rest)
    string(REGEX MATCH "${fence_re}" fence "${rest}")
    if(fence STREQUAL "")
      message("${where}: error: the snippet marker for ${snippet} is not followed by a ```cpp or ```text line")
      math(EXPR errors "${errors} + 1")
      continue()
    endif()
    string(LENGTH "${fence}" fence_len)
    math(EXPR offset "${offset} + ${fence_len}")
    string(SUBSTRING "${text}" ${offset} -1 rest)
    if(rest MATCHES "^```")
      set(close 0)
      set(block "")
    else()
      string(FIND "${rest}" "\n```" close)
      if(close EQUAL -1)
        message("${where}: error: the code block for ${snippet} is never closed")
        math(EXPR errors "${errors} + 1")
        break()
      endif()
      string(SUBSTRING "${rest}" 0 ${close} block)
    endif()
    math(EXPR block_line "${line} + 2")
    math(EXPR offset "${offset} + ${close} + 1")

    math(EXPR checked "${checked} + 1")
    if(NOT EXISTS "${ROOT}/${snippet}" OR IS_DIRECTORY "${ROOT}/${snippet}")
      message("${where}: error: snippet file ${snippet} does not exist")
      math(EXPR errors "${errors} + 1")
      continue()
    endif()
    file(READ "${ROOT}/${snippet}" expected)
    strip_trailing_newlines(expected)
    strip_trailing_newlines(block)
    if(NOT "${block}" STREQUAL "${expected}")
      common_prefix(same "${block}" "${expected}")
      line_of(file_line "${expected}" ${same})
      line_of(rel_line "${block}" ${same})
      math(EXPR doc_line "${block_line} + ${rel_line} - 1")
      message("${where}: error: the code block differs from ${snippet} "
              "(first difference: ${doc}:${doc_line} vs ${snippet}:${file_line}); "
              "copy ${snippet} into the block again")
      math(EXPR errors "${errors} + 1")
    endif()
  endwhile()
endforeach()

list(LENGTH docs ndocs)
if(errors GREATER 0)
  message(FATAL_ERROR "docs.snippets: ${errors} problem(s) in ${checked} snippet(s) of ${ndocs} document(s)")
endif()
message("docs.snippets: ${checked} snippet(s) in ${ndocs} document(s) match their files")
