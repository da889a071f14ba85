// Compile-fail: an optimizer stepped with the gradient arena of another network.
// expect-error: exprnet: optimizer step.p, g.: the gradient arena does not match the parameter arena
#include <exprnet/exprnet.hpp>
#include <exprnet/nn/optim.hpp>

using namespace exprnet;

constexpr auto x = input<"x", 3>;
constexpr auto W = param<"W", 2, 3>;
constexpr auto V = param<"V", 2, 3>;
constexpr auto net = W * x;
[[maybe_unused]] constexpr auto other = V * x;  // used only by the mistake

int main() {
    params_for<decltype(net)> p;
    nn::sgd<decltype(p)> opt;
#if defined(EXPRNET_SHOULD_FAIL)
    grads_for<decltype(other)> g;  // the mistake: V's gradients, not W's
#else
    grads_for<decltype(net)> g;
#endif
    p.set_zero();
    g.set_zero();
    opt.step(p, g);
    return 0;
}
