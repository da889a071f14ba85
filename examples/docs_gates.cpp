// The gate circuits of CS231n lecture 4, differentiated by exprnet (docs/differentiation.md).
// Every variable is a 1x1 param, so that every one of them gets a gradient.
#include <exprnet/exprnet.hpp>

#include <cmath>
#include <cstdio>
#include <string>

using namespace exprnet;
using namespace exprnet::literals;

constexpr auto x = param<"x", 1>;
constexpr auto y = param<"y", 1>;
constexpr auto z = param<"z", 1>;
constexpr auto w = param<"w", 1>;

constexpr auto f1 = (x + y) * z;                  // add distributes, multiply swaps
constexpr auto f2 = 2_c * (x * y + max(z, w));    // max routes to the larger input
constexpr auto f3 = x * y + x;                    // x is used twice: its gradients add

int failures = 0;

void report(const char* name, const std::string& expression, float got, float expected) {
    std::printf("  df/d%s = %s = %g\n", name, expression.c_str(), got);
    if (std::abs(got - expected) > 1e-6f) {
        std::printf("  FAILED: expected %g\n", expected);
        ++failures;
    }
}

int main() {
    {
        params_for<decltype(f1)> p;
        grads_for<decltype(f1)> g;
        p[x](0) = -2, p[y](0) = 5, p[z](0) = -4;  // the lecture's values
        auto program = compile(f1, wrt(x, y, z));
        std::printf("f = %s = %g\n", to_string(f1).c_str(), program(p, g));
        report("x", to_string(grad(f1, x)), g[x](0), -4);  // z
        report("y", to_string(grad(f1, y)), g[y](0), -4);  // z
        report("z", to_string(grad(f1, z)), g[z](0), 3);   // x + y
    }
    {
        params_for<decltype(f2)> p;
        grads_for<decltype(f2)> g;
        p[x](0) = 3, p[y](0) = -4, p[z](0) = 2, p[w](0) = -1;
        auto program = compile(f2, wrt(x, y, z, w));
        std::printf("f = %s = %g\n", to_string(f2).c_str(), program(p, g));
        report("x", to_string(grad(f2, x)), g[x](0), -8);  // 2 y
        report("y", to_string(grad(f2, y)), g[y](0), 6);   // 2 x
        report("z", to_string(grad(f2, z)), g[z](0), 2);   // z won the max
        report("w", to_string(grad(f2, w)), g[w](0), 0);   // w lost it
    }
    {
        params_for<decltype(f3)> p;
        grads_for<decltype(f3)> g;
        p[x](0) = 3, p[y](0) = -4;
        auto program = compile(f3, wrt(x, y));
        std::printf("f = %s = %g\n", to_string(f3).c_str(), program(p, g));
        report("x", to_string(grad(f3, x)), g[x](0), -3);  // y + 1
        report("y", to_string(grad(f3, y)), g[y](0), 3);   // x
    }
    return failures == 0 ? 0 : 1;
}
