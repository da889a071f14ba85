// A consumer of exprnet, installed and found with find_package or added with add_subdirectory:
// builds a small network, trains one step and checks the forward pass against plain Eigen.
// Exit status 0 means the package works.
#include <exprnet/exprnet.hpp>

#include <cmath>
#include <cstdio>

using namespace exprnet;

constexpr auto x = input<"x", 3>;
constexpr auto y = input<"y", 2>;
constexpr auto W1 = param<"W1", 4, 3>;
constexpr auto b1 = param<"b1", 4>;
constexpr auto W2 = param<"W2", 2, 4>;
constexpr auto scores = W2 * relu(W1 * x + b1);
constexpr auto loss = softmax_cross_entropy(scores, y);

int main() {
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    p.flat().setRandom();
    p[b1].setConstant(1.0f);  // some hidden units active, so the step changes the loss
    Eigen::Matrix<float, 3, 1> xb(0.5f, -1.0f, 2.0f);
    Eigen::Matrix<float, 2, 1> yb(0.0f, 1.0f);

    auto infer = compile(scores);
    const Eigen::Vector2f got = infer(p, x = xb);
    const Eigen::Vector2f want = p[W2] * (p[W1] * xb + p[b1]).cwiseMax(0.0f);

    auto train = compile(loss, wrt(W1, b1, W2));
    const float before = train(p, g, x = xb, y = yb);
    p.flat() -= 0.1f * g.flat();
    const float after = train(p, g, x = xb, y = yb);

    std::printf("exprnet %d.%d.%d: %s, loss %.4f -> %.4f\n", EXPRNET_VERSION_MAJOR, EXPRNET_VERSION_MINOR,
                EXPRNET_VERSION_PATCH, to_string(scores).c_str(), before, after);
    const bool ok = (got - want).norm() <= 1e-5f * (1.0f + want.norm()) && after < before;
    if (!ok) std::puts("consumer check FAILED");
    return ok ? 0 : 1;
}
