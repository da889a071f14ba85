// Compile-fail: emit_c of a dynamic_batch program (the C code's arrays are static, so the batch
// must be known when the file is written).
// expect-error: exprnet: emit_c\(program\): the C code has static arrays, so the program needs a fixed batch
#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/emit_c.hpp>

using namespace exprnet;

constexpr auto x = input<"x", 3>;
constexpr auto W = param<"W", 2, 3>;

int main() {
#if defined(EXPRNET_SHOULD_FAIL)
    auto infer = compile<dynamic_batch>(W * x);  // the mistake
#else
    auto infer = compile<batch<8>>(W * x);
#endif
    return emit_c(infer).empty() ? 1 : 0;
}
