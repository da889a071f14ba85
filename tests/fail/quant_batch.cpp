// Compile-fail: an int8 program for dynamic_batch (its buffers are sized at compile time).
// expect-error: exprnet: quant::compile<...>: int8 programs take batch<N> with N > 0
#include <exprnet/embedded.hpp>
#include <exprnet/quant/program.hpp>

using namespace exprnet;

constexpr auto x = input<"x", 4>;
constexpr auto W1 = param<"W1", 6, 4>;

int main() {
#if defined(EXPRNET_SHOULD_FAIL)
    auto infer = quant::compile<dynamic_batch>(relu(W1 * x));  // the mistake
#else
    auto infer = quant::compile<batch<4>>(relu(W1 * x));
#endif
    return int(infer.workspace_bytes == 0);
}
