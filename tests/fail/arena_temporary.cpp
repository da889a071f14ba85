// Compile-fail: indexing a temporary arena: the map would point into an arena destroyed at the
// end of the statement.
// expect-error: exprnet: arena.symbol. on a temporary arena
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 3>;
constexpr auto W = param<"W", 2, 3>;
constexpr auto net = W * x;

int main() {
#if defined(EXPRNET_SHOULD_FAIL)
    auto w = params_for<decltype(net)>{}[W];  // the mistake: the arena dies here
#else
    params_for<decltype(net)> p;
    auto w = p[W];
#endif
    w.setZero();
    return w(0, 0) == 0.0f ? 0 : 1;
}
