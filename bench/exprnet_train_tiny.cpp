// exprnet, mlp_2_16_16_2_train as "<workload>/exprnet_grads": the training program of the tiny net for one sample; the
// call writes every gradient into a grads_for arena, then one SGD loop runs over the whole
// params arena, `p.flat() -= lr * g.flat()`, as documented in docs/evaluation.md. Also with
// check_finite, as "<workload>/exprnet_grads_check_finite".
#include "common.hpp"
#include "exprnet_nets.hpp"

namespace {

namespace tiny = bench::nets::tiny;

/// Options: further compile options (check_finite, below).
template <class... Options>
struct tiny_train {
    exprnet::params_for<decltype(tiny::loss)> p;
    exprnet::grads_for<decltype(tiny::loss)> g;
    decltype(exprnet::compile<Options...>(tiny::loss, exprnet::wrt(tiny::W1, tiny::b1, tiny::W2, tiny::b2, tiny::W3, tiny::b3))) train;
    Eigen::Matrix<float, 2, 1> x, y;

    explicit tiny_train(const bench::problem& d) : x(d.x), y(d.y) {
        p.set_zero();
        g.set_zero();
        p[tiny::W1] = d.W[0], p[tiny::b1] = d.b[0];
        p[tiny::W2] = d.W[1], p[tiny::b2] = d.b[1];
        p[tiny::W3] = d.W[2], p[tiny::b3] = d.b[2];
    }
    float step(float lr) {
        const float loss = train(p, g, tiny::x = x, tiny::y = y);
        p.flat() -= lr * g.flat();
        return loss;
    }
    std::vector<Eigen::MatrixXf> weights() const { return {p[tiny::W1], p[tiny::W2], p[tiny::W3]}; }
    std::vector<Eigen::VectorXf> biases() const { return {p[tiny::b1], p[tiny::b2], p[tiny::b3]}; }
};

}  // namespace

BENCH_TRAIN(bench::workload::tiny_train, "exprnet_grads", tiny_train<>);
// The same with check_finite (eval/check_finite.hpp): what looking at every step's result costs
// when it is on; off, the program above is unchanged (docs/reliability.md).
BENCH_TRAIN(bench::workload::tiny_train, "exprnet_grads_check_finite", tiny_train<exprnet::check_finite>);
