// emit_c: the fused SGD step (c_options::sgd_step) of the two-layer net, params passed in and
// baked in (then the emitted static array is trained in place), against program(p, sgd{lr}):
// the loss before the update and every updated param.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/emit_c.hpp>

#include "support/emit_c_driver.hpp"

using namespace exprnet;
using namespace exprnet::literals;
using reference::rel_err;

namespace {
constexpr int n = 4;
constexpr auto x = input<"x", 10>;
constexpr auto y = input<"y", 3>;
constexpr auto W1 = param<"W1", 16, 10>;
constexpr auto b1 = param<"b1", 16>;
constexpr auto W2 = param<"W2", 3, 16>;
constexpr auto b2 = param<"b2", 3>;
constexpr auto loss = softmax_cross_entropy(W2 * relu(W1 * x + b1) + b2, y) + 1e-3_c * sum_sq(W2);
using arena_t = params_for<decltype(loss)>;
constexpr float lr = 0.25f;
constexpr double tol = 1e-5;

struct data {
    reference::rng r{21};
    arena_t p;
    reference::matrix_of<float> xb = reference::random<float>(10, n, r);
    reference::matrix_of<float> yb = reference::one_hot<float>(3, n, r);
    data() {
        p.for_each([&](auto, auto m) { reference::fill(m, r, 0.5); });
    }
};

/// Two SGD steps in C (the second one starts from the first one's params), printing the loss
/// of each and the params after them. `params` is the driver's array or the baked one.
emit_c_driver::driver two_steps(const data& d, bool baked) {
    emit_c_driver::driver c;
    if (!baked) c.array("params", d.p.data(), arena_t::size, false);
    c.matrix("x", d.xb);
    c.matrix("y", d.yb);
    const std::string params = baked ? "net_params" : "params";
    const std::string args = (baked ? "" : "params, ") + std::string("x, y, 0.25f");
    c.line("const float first = net_sgd_step(" + args + ");");
    c.line("const float second = net_sgd_step(" + args + ");");
    c.print("first", "&first", "1");
    c.print("second", "&second", "1");
    c.print("params", params, "NET_PARAMS");
    return c;
}
}  // namespace

BOOST_AUTO_TEST_CASE(sgd_step_passed_and_baked) {
    data d;
    auto train = compile<batch<n>>(loss, wrt(W1, b1, W2, b2));
    static_assert(decltype(train)::structure.in_place_ok);
    const c_options sgd_only{.prefix = "net", .train_step = false, .sgd_step = true};
    const std::string passed = emit_c(train, sgd_only);
    const std::string baked = emit_c(train, d.p, sgd_only);
    BOOST_TEST(passed.find("net_train_step") == std::string::npos);
    BOOST_TEST(baked.find("static float net_params[NET_PARAMS] = {") != std::string::npos);

    arena_t p = d.p;
    const double first = train(p, sgd{lr}, x = d.xb, y = d.yb);
    const double second = train(p, sgd{lr}, x = d.xb, y = d.yb);
    BOOST_TEST(second < first);  // the steps do something

    for (const auto& [tag, text, is_baked] : {std::tuple{"sgd_passed", passed, false}, std::tuple{"sgd_baked", baked, true}}) {
        const auto c = emit_c_driver::run(tag, text, two_steps(d, is_baked));
        BOOST_TEST(rel_err(c.at("first").at(0), first) <= tol, tag);
        BOOST_TEST(rel_err(c.at("second").at(0), second) <= tol, tag);
        emit_c_driver::check_arena(c.at("params"), p, tol, std::string(tag) + " param");
    }
}
