// Compile-fail: int8 inference of a network that is not a chain of act(W * h + b) layers (a
// maxout: the max of two branches).
// expect-error: exprnet: quant::compile / quant::qparams_for: int8 inference runs chains of fully connected layers
#include <exprnet/embedded.hpp>
#include <exprnet/quant/program.hpp>

using namespace exprnet;

constexpr auto x = input<"x", 4>;
constexpr auto W1 = param<"W1", 6, 4>;
[[maybe_unused]] constexpr auto W2 = param<"W2", 6, 4>;  // in the mistake only
constexpr auto W3 = param<"W3", 3, 6>;

int main() {
#if defined(EXPRNET_SHOULD_FAIL)
    auto infer = quant::compile<batch<1>>(W3 * max(W1 * x, W2 * x));  // the mistake
#else
    auto infer = quant::compile<batch<1>>(W3 * relu(W1 * x));
#endif
    return int(infer.workspace_bytes == 0);
}
