// nn/optim.hpp: three steps of each optimizer against a reference written here, one scalar at
// a time, from the formulas of torch.optim.SGD and torch.optim.Adam (their documentation's
// pseudo-code), in double; then Adam training a small network.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/nn/optim.hpp>

#include <cmath>
#include <vector>

using namespace exprnet;

namespace {
constexpr auto x = input<"x", 3>;
constexpr auto y = input<"y", 2>;
constexpr auto W = param<"W", 2, 3>;
constexpr auto b = param<"b", 2>;
constexpr auto loss = softmax_cross_entropy(W * x + b, y);
using params = params_for<decltype(loss), double>;
using grads = grads_for<decltype(loss), double>;

// Deterministic values for step t: every scalar different, some negative.
double param0(int i) { return 0.1 * std::sin(1.0 + i); }
double gradient(int t, int i) { return 0.3 * std::cos(0.7 * i + 1.3 * t) - 0.05; }

struct fixture {
    params p;
    grads g;
    std::vector<double> ref;
    fixture() : ref(params::size) {
        for (std::size_t i = 0; i < params::size; ++i) p.data()[i] = ref[i] = param0(int(i));
    }
    void set_gradient(int t) {
        for (std::size_t i = 0; i < params::size; ++i) g.data()[i] = gradient(t, int(i));
    }
    double max_error() const {
        double e = 0;
        for (std::size_t i = 0; i < params::size; ++i) e = std::max(e, std::abs(p.data()[i] - ref[i]));
        return e;
    }
};
}  // namespace

BOOST_AUTO_TEST_CASE(sgd_with_weight_decay) {
    fixture f;
    nn::sgd<params> opt({.learning_rate = 0.1, .weight_decay = 0.01});
    for (int t = 0; t < 3; ++t) {
        f.set_gradient(t);
        opt.step(f.p, f.g);
        for (std::size_t i = 0; i < params::size; ++i) f.ref[i] -= 0.1 * (gradient(t, int(i)) + 0.01 * f.ref[i]);
    }
    BOOST_TEST(f.max_error() < 1e-15);
}

BOOST_AUTO_TEST_CASE(momentum_and_nesterov) {
    for (const bool nesterov : {false, true}) {
        fixture f;
        nn::momentum<params> opt({.learning_rate = 0.05, .momentum = 0.9, .weight_decay = 0.001, .nesterov = nesterov});
        std::vector<double> v(params::size, 0.0);
        for (int t = 0; t < 3; ++t) {
            f.set_gradient(t);
            opt.step(f.p, f.g);
            for (std::size_t i = 0; i < params::size; ++i) {
                const double d = gradient(t, int(i)) + 0.001 * f.ref[i];
                v[i] = 0.9 * v[i] + d;  // torch: b_t = mu b_{t-1} + (1 - dampening) g_t, b_1 = g_1
                f.ref[i] -= 0.05 * (nesterov ? d + 0.9 * v[i] : v[i]);
            }
        }
        BOOST_TEST(f.max_error() < 1e-15);
        BOOST_TEST(std::abs(opt.velocity().data()[1] - v[1]) < 1e-15);
    }
}

BOOST_AUTO_TEST_CASE(adam_with_bias_correction) {
    fixture f;
    nn::adam<params> opt({.learning_rate = 0.01, .beta1 = 0.8, .beta2 = 0.99, .epsilon = 1e-6, .weight_decay = 0.02});
    std::vector<double> m(params::size, 0.0), v(params::size, 0.0);
    for (int t = 1; t <= 3; ++t) {
        f.set_gradient(t);
        opt.step(f.p, f.g);
        for (std::size_t i = 0; i < params::size; ++i) {
            const double d = gradient(t, int(i)) + 0.02 * f.ref[i];
            m[i] = 0.8 * m[i] + 0.2 * d;
            v[i] = 0.99 * v[i] + 0.01 * d * d;
            const double m_hat = m[i] / (1 - std::pow(0.8, t));
            const double v_hat = v[i] / (1 - std::pow(0.99, t));
            f.ref[i] -= 0.01 * m_hat / (std::sqrt(v_hat) + 1e-6);
        }
    }
    BOOST_TEST(opt.steps() == 3);
    BOOST_TEST(f.max_error() < 1e-14);
}

BOOST_AUTO_TEST_CASE(adam_trains_a_classifier) {
    // Two linearly separable classes; Adam must drive the loss far below log 2.
    auto train = compile<batch<4>, scalar_type<double>>(loss, wrt(W, b));
    params p;
    grads g;
    p.set_zero();
    const Eigen::Matrix<double, 3, 4> xs{{1, 0.9, -1, -0.8}, {0.5, 0.2, -0.4, -0.6}, {0, 1, 0, -1}};
    const Eigen::Matrix<double, 2, 4> ys{{1, 1, 0, 0}, {0, 0, 1, 1}};
    nn::adam<params> opt({.learning_rate = 0.05});
    const double first = train(p, g, x = xs, y = ys);
    double last = first;
    for (int t = 0; t < 200; ++t) {
        last = train(p, g, x = xs, y = ys);
        opt.step(p, g);
    }
    BOOST_TEST(first == std::log(2.0), boost::test_tools::tolerance(1e-12));
    BOOST_TEST(last < 0.01);
}
