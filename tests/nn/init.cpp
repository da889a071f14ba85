// nn/init.hpp: exact values against an independent Python implementation of the documented
// formulas (see tests/nn/random.cpp), the distributions' moments, zero biases, and independence
// from the arena's layout and from the other parameters.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/nn/init.hpp>

#include <cmath>

using namespace exprnet;

namespace {
constexpr auto x = input<"x", 2>;
constexpr auto W1 = param<"W1", 3, 2>;
constexpr auto b1 = param<"b1", 3>;
constexpr auto big = param<"W", 256, 784>;
constexpr auto xb = input<"xb", 784>;
}  // namespace

BOOST_AUTO_TEST_CASE(xavier_uniform_and_he_normal_values_match_python) {
    constexpr auto net = W1 * x + b1;
    params_for<decltype(net)> p;
    p.flat().setConstant(7);  // every value must be written
    nn::initialize(p, nn::xavier_uniform, 42);
    // Python: a = sqrt(3 * (1 / (0.5 * (2 + 3)))), element (r, c) is draw r * 2 + c of stream
    // FNV-1a("W1"), rounded to double once and then to float.
    const float xu[3][2] = {{1.0198109149932861f, -0.31370049715042114f},
                            {-0.2802124619483948f, -0.045718394219875336f},
                            {-0.49126872420310974f, -0.013432137668132782f}};
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 2; ++c) BOOST_TEST(p[W1](r, c) == xu[r][c]);
    BOOST_TEST(p[b1].isZero(0));

    nn::initialize(p, nn::he_normal, 42);  // s = sqrt(2 / 2) = 1
    const float hn[3][2] = {{-0.6307427883148193f, -1.072320818901062f},
                            {0.5323002338409424f, -0.133714497089386f},
                            {1.2630579471588135f, -0.1866692304611206f}};
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 2; ++c) BOOST_TEST(p[W1](r, c) == hn[r][c]);
}

BOOST_AUTO_TEST_CASE(values_depend_on_the_name_and_shape_only) {
    // The second network has another param, V, and W1 sits at another offset of its arena.
    constexpr auto a = W1 * x + b1;
    constexpr auto other = param<"V", 3, 3>;
    constexpr auto b = other * (W1 * x);
    params_for<decltype(a)> pa;
    params_for<decltype(b)> pb;
    nn::initialize(pa, nn::he_uniform, 1);
    nn::initialize(pb, nn::he_uniform, 1);
    BOOST_TEST((pa[W1] == pb[W1]));
    nn::initialize(pb, nn::he_uniform, 2);
    BOOST_TEST((pa[W1] != pb[W1]));  // another seed
}

BOOST_AUTO_TEST_CASE(moments_of_each_scheme) {
    constexpr auto net = big * xb;
    static params_for<decltype(net)> p;
    const double n = 256.0 * 784;
    const struct {
        nn::init_scheme scheme;
        double variance;
    } cases[] = {{nn::xavier_uniform, 2.0 / (784 + 256)},
                 {nn::xavier_normal, 2.0 / (784 + 256)},
                 {nn::he_uniform, 2.0 / 784},
                 {nn::he_normal, 2.0 / 784}};
    for (const auto& k : cases) {
        nn::initialize(p, k.scheme, 11);
        const auto w = p[big].cast<double>();
        const double mean = w.mean();
        const double var = (w.array() - mean).square().sum() / n;
        BOOST_TEST(std::abs(mean) < 5 * std::sqrt(k.variance / n));
        BOOST_TEST(std::abs(var / k.variance - 1) < 0.01);
        if (k.scheme.dist == nn::distribution::uniform) {
            BOOST_TEST(w.cwiseAbs().maxCoeff() < std::sqrt(3 * k.variance));
        }
    }
}
