// docs/evaluation.md, "Threads": one params arena shared read-only, one program object per thread.
// Four threads each evaluate their own quarter of a batch with their own copy of the compiled
// program; the result equals one thread's evaluation of the whole batch.
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

#include <cstdio>
#include <thread>
#include <vector>

using namespace exprnet;

constexpr auto x = input<"x", 64>;
constexpr auto W1 = param<"W1", 32, 64>;
constexpr auto b1 = param<"b1", 32>;
constexpr auto W2 = param<"W2", 10, 32>;
constexpr auto b2 = param<"b2", 10>;
constexpr auto scores = W2 * relu(W1 * x + b1) + b2;

int main() {
    params_for<decltype(scores)> p;  // shared: every thread only reads it
    p.flat().setRandom();
    const Eigen::MatrixXf X = Eigen::MatrixXf::Random(64, 4000);

    const auto predict = compile<dynamic_batch>(scores);
    Eigen::MatrixXf out(10, X.cols());
    std::vector<std::thread> workers;
    const Eigen::Index quarter = X.cols() / 4;
    for (int t = 0; t < 4; ++t)
        workers.emplace_back([&, t] {
            auto mine = predict;  // a program object per thread: it holds the workspace of its calls
            mine.reserve(quarter);
            out.middleCols(t * quarter, quarter) = mine(p, x = X.middleCols(t * quarter, quarter));
        });
    for (std::thread& w : workers) w.join();

    auto whole = predict;
    const Eigen::MatrixXf reference = whole(p, x = X);
    const float difference = (out - reference).cwiseAbs().maxCoeff() / reference.cwiseAbs().maxCoeff();
    std::printf("4 threads, 1 shared arena: largest difference from one thread %g (relative)\n", difference);
    return difference < 1e-6f ? 0 : 1;
}
