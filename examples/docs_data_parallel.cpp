// docs/evaluation.md, "Every core": one training call on 128 columns, split in two parts of 64
// that run on two threads (parallel<2>), then the same call on one thread: the same bits; then
// an Adam step shared by the two threads, and on one: the same bits again.
#include <exprnet/eval/data_parallel.hpp>
#include <exprnet/exprnet.hpp>
#include <exprnet/nn.hpp>

#include <cstdio>
#include <cstring>
#include <memory>

using namespace exprnet;

constexpr auto x = input<"x", 784>;
constexpr auto y = input<"y", 10>;
constexpr auto W1 = param<"W1", 256, 784>;
constexpr auto b1 = param<"b1", 256>;
constexpr auto W2 = param<"W2", 10, 256>;
constexpr auto b2 = param<"b2", 10>;
constexpr auto loss = softmax_cross_entropy(W2 * relu(W1 * x + b1) + b2, y);
using net = std::remove_const_t<decltype(loss)>;

int main() {
    auto p = std::make_unique<params_for<net>>();
    nn::initialize(*p, nn::he_normal, 1);
    const Eigen::MatrixXf images = (Eigen::MatrixXf::Random(784, 128).array() + 1) / 2;
    Eigen::MatrixXf labels = Eigen::MatrixXf::Zero(10, 128);
    for (int j = 0; j < 128; ++j) labels(j % 10, j) = 1;

    // 128 columns per call: two parts of 64, each in its own batch<64> program.
    auto on_two = parallel<2>(compile<batch<64>>(loss, wrt(W1, b1, W2, b2)));     // two threads
    auto on_one = parallel<2>(compile<batch<64>>(loss, wrt(W1, b1, W2, b2)), 1);  // one thread
    auto g2 = std::make_unique<grads_for<net>>(), g1 = std::make_unique<grads_for<net>>();
    const float l2 = on_two(*p, *g2, x = images, y = labels);
    const float l1 = on_one(*p, *g1, x = images, y = labels);

    bool same = l1 == l2 && std::memcmp(g1->flat().data(), g2->flat().data(), sizeof(float) * g1->size) == 0;
    std::printf("loss %.6f on %d threads, %.6f on %d: gradients %s\n", double(l2), on_two.threads(), double(l1),
                on_one.threads(), same ? "bit-identical" : "DIFFERENT");

    // The optimizer step, shared by the two threads (parallel_for), and on this thread alone.
    using optimizer = nn::adam<params_for<net>>;
    auto q = std::make_unique<params_for<net>>(*p);
    auto adam_two = std::make_unique<optimizer>(), adam_one = std::make_unique<optimizer>();
    adam_two->step(*p, *g2, on_two.parallel_for());
    adam_one->step(*q, *g1);
    const bool same_step = std::memcmp(p->data(), q->data(), sizeof(float) * p->size) == 0;
    std::printf("Adam step on %d threads and on 1: params %s\n", on_two.threads(), same_step ? "bit-identical" : "DIFFERENT");
    same = same && same_step;
    return same ? 0 : 1;
}
