#include <exprnet/exprnet.hpp>
#include <cstdio>

using namespace exprnet;

constexpr auto x  = input<"x", 4>;          // 4 features per sample, one column per sample
constexpr auto y  = input<"y", 3>;          // one-hot labels, 3 classes
constexpr auto W1 = param<"W1", 8, 4>;
constexpr auto b1 = param<"b1", 8>;
constexpr auto W2 = param<"W2", 3, 8>;
constexpr auto b2 = param<"b2", 3>;

constexpr auto scores = W2 * relu(W1 * x + b1) + b2;  // the type of `scores` is the graph
constexpr auto loss = softmax_cross_entropy(scores, y);

int main() {
    auto train = compile<batch<2>>(loss, wrt(W1, b1, W2, b2));  // forward + backward, planned
    params_for<decltype(loss)> p;                               // all parameters, one arena
    grads_for<decltype(loss)> g;                                // their gradients, same layout
    p[W1].setRandom();
    p[W2].setRandom();

    Eigen::Matrix<float, 4, 2> xb = Eigen::Matrix<float, 4, 2>::Random();
    Eigen::Matrix<float, 3, 2> yb{{1, 0}, {0, 1}, {0, 0}};  // sample 0 is class 0, sample 1 class 1
    const float before = train(p, g, x = xb, y = yb);       // loss; gradients written into g
    p.flat() -= 0.1f * g.flat();                            // one SGD step over the whole arena
    const float after = train(p, g, x = xb, y = yb);

    std::printf("scores = %s\ndL/dW1 = %s\n", to_string(scores).c_str(), to_string(grad(loss, W1)).c_str());
    std::printf("loss %.4f -> %.4f after one step\n", before, after);
    return after < before ? 0 : 1;
}
