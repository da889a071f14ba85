// Sanity check of the compile-fail harness (see tests/fail/CMakeLists.txt).
// expect-error: exprnet sanity: this must fail
//
// fail.sanity.ok compiles; fail.sanity.ko must fail with the message above. The extra build
// fail.sanity.wrong_error (-DEXPRNET_SANITY_WRONG_ERROR) fails for another reason, and the
// harness must reject it. Keep the regex above a plain literal: a probe echoes it verbatim.
#include <exprnet/version.hpp>  // only the cheapest header: this file tests the harness

#if defined(EXPRNET_SHOULD_FAIL)
static_assert(EXPRNET_VERSION_MAJOR < 0, "exprnet sanity: this must fail");
#endif

#if defined(EXPRNET_SANITY_WRONG_ERROR)
int main() { return exprnet_sanity_undeclared_identifier; }
#else
int main() { return 0; }
#endif
