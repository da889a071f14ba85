# PyTorch for the tests and examples that compare with it (docs/from-pytorch.md): Debian's
# python3-torch and python3-onnx belong to /usr/bin/python3 (scripts/deps.sh installs them).
# Asks once, for tests/pytorch/, examples/from_pytorch/ and examples/embedded/:
#   EXPRNET_TORCH_PYTHON   the interpreter (cache variable)
#   EXPRNET_TORCH_FOUND    whether it imports torch and onnx
# Without them those tests are skipped with a message, unless EXPRNET_REQUIRE_TOOLS is ON: then
# configuring fails.
set(EXPRNET_TORCH_PYTHON /usr/bin/python3 CACHE FILEPATH "The Python with python3-torch and python3-onnx")
execute_process(COMMAND "${EXPRNET_TORCH_PYTHON}" -c "import torch, onnx"
                RESULT_VARIABLE exprnet_torch_missing OUTPUT_QUIET ERROR_QUIET)
if(exprnet_torch_missing EQUAL 0)
  set(EXPRNET_TORCH_FOUND TRUE)
else()
  set(EXPRNET_TORCH_FOUND FALSE)
  set(why "${EXPRNET_TORCH_PYTHON} cannot import torch and onnx (Debian: python3-torch, python3-onnx; scripts/deps.sh)")
  if(EXPRNET_REQUIRE_TOOLS)
    message(FATAL_ERROR "exprnet: ${why}, and EXPRNET_REQUIRE_TOOLS is ON. Install them, or pass "
                        "-DEXPRNET_TEST_PYTORCH=OFF -DEXPRNET_BUILD_EXAMPLES=OFF.")
  endif()
  message(STATUS "exprnet: the tests and examples that compare with PyTorch are skipped: ${why}")
endif()
