// Compile-fail: direction(x) of an input; only params have directions.
// expect-error: exprnet: direction.P.: only a param<> has a direction
#include <exprnet/exprnet.hpp>

using namespace exprnet;

constexpr auto x = input<"x", 3>;
constexpr auto W = param<"W", 2, 3>;

int main() {
#if defined(EXPRNET_SHOULD_FAIL)
    constexpr auto v = direction(x);  // the mistake: x is an input
#else
    constexpr auto v = direction(W);
#endif
    return to_string(v * x).empty() ? 1 : 0;
}
