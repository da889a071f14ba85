# test.io.numpy (see CMakeLists.txt): runs
#   1. PROGRAM save DIR   exprnet writes DIR/exprnet_float.npz and DIR/exprnet_double.npz
#   2. PYTHON SCRIPT DIR  NumPy checks them, writes DIR/torch_like.npz (numpy.savez) and
#                         DIR/torch_like_compressed.npz (numpy.savez_compressed)
#   3. PROGRAM check DIR  exprnet loads those and checks their values
# and fails at the first step that fails.
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")
foreach(step IN ITEMS save python check)
  if(step STREQUAL "python")
    set(command "${PYTHON}" "${SCRIPT}" "${DIR}")
  else()
    set(command "${PROGRAM}" "${step}" "${DIR}")
  endif()
  execute_process(COMMAND ${command} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "test.io.numpy: step '${step}' failed (${rc}): ${command}")
  endif()
endforeach()
