// Compile-fail: indexing an arena with a param of another network.
// expect-error: exprnet: arena.symbol.: this param is not in the arena
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

constexpr auto x = input<"x", 3>;
constexpr auto W = param<"W", 2, 3>;
[[maybe_unused]] constexpr auto V = param<"V", 2, 3>;  // another network's param
constexpr auto net = W * x;

int main() {
    params_for<decltype(net)> p;
#if defined(EXPRNET_SHOULD_FAIL)
    p[V].setZero();  // the mistake: V is not in net
#else
    p[W].setZero();
#endif
    return p.data()[0] == 0.0f ? 0 : 1;
}
