// Adding an operation (docs/extending.md): softsign(x) = x / (1 + |x|), defined once, as one
// struct with every facet, then built into a net, differentiated, printed and exported to C
// like the ops exprnet ships.
#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/emit_c.hpp>
#include <exprnet/inspect/latex.hpp>

#include <cmath>
#include <cstdio>
#include <string_view>

using namespace exprnet;
using namespace exprnet::literals;

struct softsign_op {
    static constexpr print_form print = call("softsign");                    // to_string, print
    static constexpr print_form latex = call("\\operatorname{softsign}");    // to_latex
    static constexpr std::string_view gate = "softsign: G / (1 + |x|)², from its input x";  // print, DOT
    static constexpr gate_pattern pattern = gate_pattern::other;             // DOT colour
    static constexpr c99_form c99 = {"$helper($a)", {"softsign", "a", "a / ($1 + $fabs(a))"}};  // emit_c
    static auto apply(const auto& a) {                                       // forward: Eigen arrays
        return a / (scalar_of_t<decltype(a)>(1) + a.abs());
    }
    template <class G, class A, class H>                                     // backward: dA from G
    static constexpr auto partial(G g, A a, H) {
        return g / square(1_c + abs(a));
    }
};

template <expression A>
constexpr auto softsign(A a) {
    return elementwise<softsign_op>(a);
}

constexpr auto x = input<"x", 3>;
constexpr auto y = input<"y", 2>;
constexpr auto W = param<"W", 2, 3>;
constexpr auto loss = mse(softsign(W * x), y);

int main() {
    auto train = compile<batch<4>>(loss, wrt(W));
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g, unused;
    p[W] << 0.5f, -1.0f, 2.0f, 1.5f, 0.25f, -0.75f;
    Eigen::Matrix<float, 3, 4> xb;
    xb << 1, -2, 0.5f, 3, 0.1f, 1, -1, 2, -0.5f, 0.3f, 2, -1;
    const Eigen::Matrix<float, 2, 4> yb = Eigen::Matrix<float, 2, 4>::Constant(0.5f);
    train(p, g, x = xb, y = yb);

    // The analytic gradient against a central difference, entry by entry.
    double worst = 0;
    for (int k = 0; k < 6; ++k) {
        auto plus = p, minus = p;
        plus.flat()(k) += 1e-3f;
        minus.flat()(k) -= 1e-3f;
        const double numeric = (train(plus, unused, x = xb, y = yb) - train(minus, unused, x = xb, y = yb)) / 2e-3;
        worst = std::fmax(worst, std::fabs(numeric - g.flat()(k)));
    }

    const std::string c = emit_c(train);
    std::printf("loss   = %s\ndL/dW  = %s\nLaTeX  = %s\n", to_string(loss).c_str(), to_string(grad(loss, W)).c_str(),
                to_latex(softsign(W * x)).c_str());
    std::printf("C      : %s\n", c.find("static float net_softsign(float a) { return a / (1.0f + fabsf(a)); }") != std::string::npos
                                     ? "net_softsign defined"
                                     : "net_softsign MISSING");
    std::printf("worst |analytic - numeric| = %s\n", worst < 1e-3 ? "below 1e-3" : "TOO LARGE");
    return worst < 1e-3 ? 0 : 1;
}
