// Compile-fail: data_parallel of a dynamic_batch training program (the parts' columns are
// fixed at compile time).
// expect-error: exprnet: data_parallel<Parts, Program> / parallel<Parts>.program.: splits the columns
#include <exprnet/eval/data_parallel.hpp>
#include <exprnet/exprnet.hpp>

using namespace exprnet;

constexpr auto x = input<"x", 4>;
constexpr auto y = input<"y", 3>;
constexpr auto W1 = param<"W1", 3, 4>;
constexpr auto loss = softmax_cross_entropy(W1 * x, y);

int main() {
#if defined(EXPRNET_SHOULD_FAIL)
    auto train = parallel<2>(compile<dynamic_batch>(loss, wrt(W1)));  // the mistake
#else
    auto train = parallel<2>(compile<batch<4>>(loss, wrt(W1)));
#endif
    return train.threads() == 0;
}
