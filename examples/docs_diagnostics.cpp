// Every compile-time diagnostic of exprnet, provoked on purpose (docs/diagnostics.md).
// As built by CMake, this file compiles the correct form of each mistake and runs it. Define
// EXPRNET_MISTAKE to a number from 1 to 28 to compile mistake n instead and read its message:
//   g++ -std=c++20 -Iinclude -isystem /usr/include/eigen3 -DEXPRNET_MISTAKE=2 -c examples/docs_diagnostics.cpp
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

#ifndef EXPRNET_MISTAKE
#define EXPRNET_MISTAKE 0
#endif

using namespace exprnet;
using namespace exprnet::literals;

constexpr auto x  = input<"x", 784>;
constexpr auto y  = input<"y", 10>;
constexpr auto W1 = param<"W1", 100, 784>;
constexpr auto b1 = param<"b1", 100>;
constexpr auto W2 = param<"W2", 10, 100>;
constexpr auto b2 = param<"b2", 10>;
[[maybe_unused]] constexpr auto W3 = param<"W3", 10, 10>;  // not part of the network

#if EXPRNET_MISTAKE == 1
constexpr auto scores = W2 * x + b2;  // 1: matrix product, inner sizes differ (the hidden layer is missing)
#elif EXPRNET_MISTAKE == 2
constexpr auto scores = W2 * relu(W1 * x + b2) + b2;  // 2: elementwise shapes (b2 is the wrong bias)
#elif EXPRNET_MISTAKE == 7
constexpr auto scores = W2 * relu(0.5f * (W1 * x + b1)) + b2;  // 7: a run-time number in an expression
#elif EXPRNET_MISTAKE == 20
constexpr auto h = relu(W1 * x + b1);
constexpr auto scores = W2 * (h * h) + b2;  // 20: a matrix product meant elementwise
#else
constexpr auto scores = W2 * relu(W1 * x + b1) + b2;
#endif

#if EXPRNET_MISTAKE == 3
constexpr auto loss = softmax_cross_entropy(W1 * x + b1, y);  // 3: labels of another shape than the scores
#elif EXPRNET_MISTAKE == 4
constexpr auto loss = softmax_cross_entropy(scores, softmax(scores));  // 4: labels computed from params
#elif EXPRNET_MISTAKE == 19
constexpr auto loss = softmax_cross_entropy(W2 * relu(b1) + b2, y);  // 19: the scores forgot the input
#else
constexpr auto loss = softmax_cross_entropy(scores, y);
#endif

int main() {
#if EXPRNET_MISTAKE == 5
    auto train = compile<batch<4>>(loss, wrt(W1, b1, W2, b2, x));  // 5: x is not a param
#elif EXPRNET_MISTAKE == 6
    auto train = compile<batch<4>>(loss, wrt(W1, b1, W2, b2, W3));  // 6: W3 is not in the loss
#elif EXPRNET_MISTAKE == 15
    auto train = compile<batch<4>>(scores, wrt(W1, b1, W2, b2));  // 15: the scores are not a 1x1 loss
#elif EXPRNET_MISTAKE == 16
    auto train = compile<batch<0>>(loss, wrt(W1, b1, W2, b2));  // 16: no such batch size
#else
    auto train = compile<batch<4>>(loss, wrt(W1, b1, W2, b2));
#endif

#if EXPRNET_MISTAKE == 8
    constexpr auto V0 = param<"V0", 0, 784>;  // 8: a param needs positive sizes
    std::printf("%s\n", to_string(V0 * x).c_str());
#elif EXPRNET_MISTAKE == 9
    constexpr auto W = param<"W1", 10, 100>;  // 9: a second, different symbol named "W1"
    std::printf("%zu\n", decltype(compile(W * relu(W1 * x)))::parameter_count);
#elif EXPRNET_MISTAKE == 14
    std::printf("%zu\n", decltype(compile(transpose(scores) * scores))::step_count);  // 14: batch x batch
#endif

    auto p = std::make_unique<params_for<decltype(loss)>>();
    auto g = std::make_unique<grads_for<decltype(loss)>>();
    p->for_each([](auto, auto m) { m.setRandom(); });
#if EXPRNET_MISTAKE == 10
    (*p)[W3].setZero();  // 10: W3 has no slot in this arena
#elif EXPRNET_MISTAKE == 21
    auto w1 = params_for<decltype(loss)>{}[W1];  // 21: a map into an arena destroyed at the semicolon
    w1.setZero();
#endif

    const Eigen::MatrixXf xb = Eigen::MatrixXf::Random(784, 4);
    const Eigen::MatrixXf yb = Eigen::MatrixXf::Identity(10, 4);
#if EXPRNET_MISTAKE == 11
    auto small = std::make_unique<params_for<decltype(W1 * x + b1)>>();
    const float L = train(*small, *g, x = xb, y = yb);  // 11: this arena lacks W2 and b2
#elif EXPRNET_MISTAKE == 12
    const float L = train(*p, *g, x = xb);  // 12: y is not bound
#elif EXPRNET_MISTAKE == 13
    const Eigen::MatrixXd xd = xb.cast<double>();
    const float L = train(*p, *g, x = xd, y = yb);  // 13: double data for a float program
#elif EXPRNET_MISTAKE == 17
    auto pd = std::make_unique<params_for<decltype(loss), double>>();
    const float L = train(*pd, *g, x = xb, y = yb);  // 17: a double arena for a float program
#elif EXPRNET_MISTAKE == 22
    const float L = train(*p, *g, x = xb, y = yb, x = xb);  // 22: x is bound twice
#elif EXPRNET_MISTAKE == 23
    const float L = train(*p, *g, xb, yb);  // 23: data without its input
#elif EXPRNET_MISTAKE == 24
    const Eigen::Matrix<float, 10, 3> y3 = yb.leftCols<3>();
    const float L = train(*p, *g, x = xb, y = y3);  // 24: 3 columns for a batch<4> program
#elif EXPRNET_MISTAKE == 25
    const Eigen::Matrix<float, 9, 4> y9 = yb.topRows<9>();
    const float L = train(*p, *g, x = xb, y = y9);  // 25: 9 rows for 10 classes
#elif EXPRNET_MISTAKE == 26
    const float L = train(*p, *g, x = Eigen::MatrixXf::Random(784, 4), y = yb);  // 26: an expression of run-time size
#elif EXPRNET_MISTAKE == 27
    const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> xr = xb;
    const float L = train(*p, *g, x = xr, y = yb);  // 27: row-major data of run-time size
#elif EXPRNET_MISTAKE == 28
    const std::vector<float> xv(784 * 4, 0.0f);
    const float L = train(*p, *g, x = xv, y = yb);  // 28: not an Eigen object
#else
    const float L = train(*p, *g, x = xb, y = yb);
#endif

    // A product of two trained params: dL/dW3 reads V and dL/dV reads W3, so neither can be
    // updated before the other's gradient is computed.
    constexpr auto V = param<"V", 10, 10>;
    constexpr auto chained = sum_sq(W3 * V * y);
    auto chained_train = compile<batch<4>>(chained, wrt(W3, V));
    params_for<decltype(chained)> p3;
    p3.for_each([](auto, auto m) { m.setIdentity(); });
#if EXPRNET_MISTAKE == 18
    chained_train(p3, sgd{0.01f}, y = yb);  // 18: a fused SGD step on it
#else
    grads_for<decltype(chained)> g3;
    chained_train(p3, g3, y = yb);
    p3.flat() -= 0.01f * g3.flat();
#endif

    std::printf("loss %g, |dL/dW1| %g\n", L, (*g)[W1].norm());
    return std::isfinite(L) && L > 0 && (*g)[W1].norm() > 0 ? 0 : 1;
}
