// Inspection of second-order programs: emit_c of an hvp and a jvp program (the emitted C99,
// built and run, against the C++ programs), and, in the same translation unit to save a build,
// to_string and to_latex of jvp and hvp expressions (the user's names, directions as v_<name>),
// print and to_dot of an hvp program.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/emit_c.hpp>

#include "support/dot_checks.hpp"
#include "support/emit_c_driver.hpp"

#include <string>

using namespace exprnet;
using namespace exprnet::literals;
using reference::rel_err;

namespace {
constexpr int n = 4;
constexpr auto x = input<"x", 3>;
constexpr auto y = input<"y", 2>;
constexpr auto W1 = param<"W1", 4, 3>;
constexpr auto b1 = param<"b1", 4>;
constexpr auto W2 = param<"W2", 2, 4>;
constexpr auto scores = W2 * tanh(W1 * x + b1);
constexpr auto loss = softmax_cross_entropy(scores, y);
using arena_t = params_for<decltype(loss), double>;
constexpr double tol = 1e-12;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

BOOST_AUTO_TEST_CASE(expressions_print_with_the_users_names) {
    // d(W2 tanh(W1 x + b1)) along (v_W1, v_b1): the chain rule by hand.
    BOOST_TEST(to_string(jvp(scores, wrt(W1, b1))) == "W2 * ((v_W1 * x + v_b1) ⊙ (1 - square(tanh(W1 * x + b1))))");
    BOOST_TEST(to_string(jvp(W1 * x, wrt(W1))) == "v_W1 * x");
    BOOST_TEST(to_latex(direction(W1)) == "v_{W_{1}}");
    // The b1 block of H·v: the tangent of dL/db1 = rowsum(...), a rowsum of a tangent.
    const std::string hb1 = to_string(hvp(loss, wrt(W1, b1, W2))[b1]);
    BOOST_TEST(hb1.starts_with("rowsum("));
    for (const char* v : {"v_W1", "v_b1", "v_W2"}) BOOST_TEST(contains(hb1, v), hb1 << " lacks " << v);
    // Reverse over reverse is an ordinary gradient of an expression that contains one.
    const auto dot = sum(hadamard(grad(loss, W2), direction(W2)));
    BOOST_TEST(contains(to_string(grad(dot, W1)), "v_W2"));
    BOOST_TEST(contains(to_latex(hvp(loss, wrt(W2))[W2]), "v_{W_{2}}"));
}

BOOST_AUTO_TEST_CASE(print_and_dot_of_an_hvp_program) {
    const auto prog = compile<batch<n>, scalar_type<double>>(hvp(loss, wrt(W1, b1, W2)));
    const std::string listing = print(prog);
    BOOST_TEST(listing.starts_with("second-order program (params, directions v): batch N = 4"));
    BOOST_TEST(contains(listing, "v_W1 * x + v_b1"));
    BOOST_TEST(contains(listing, "into the gradient arena"));
    const std::string drawing = to_dot(prog);
    BOOST_TEST(contains(drawing, "v_W1"));
    dot_checks::check_with_graphviz(drawing, "hvp_program");
}

BOOST_AUTO_TEST_CASE(emit_c_of_an_hvp_program) {
    reference::rng r(7);
    arena_t p, v;
    grads_for<decltype(loss), double> hv;
    p.for_each([&](auto, auto m) { reference::fill(m, r, 1.0); });
    v.for_each([&](auto, auto m) { reference::fill(m, r, 1.0); });
    const auto xb = reference::random<double>(3, n, r);
    reference::matrix_of<double> yb = reference::matrix_of<double>::Zero(2, n);
    for (int j = 0; j < n; ++j) yb(j % 2, j) = 1.0;

    auto prog = compile<batch<n>, scalar_type<double>>(hvp(loss, wrt(W1, b1, W2)));
    const double L = prog(p, v, hv, x = xb, y = yb);
    const std::string text = emit_c(prog);
    BOOST_TEST(contains(text, "double net_train_step(const double *params, const double *directions, double *grads, const double *x, const double *y)"));
    BOOST_TEST(contains(text, "H times the directions"));

    emit_c_driver::driver d;
    d.scalar<double>();
    d.array("params", p.data(), arena_t::size);
    d.array("directions", v.data(), arena_t::size);
    d.matrix("x", xb);
    d.matrix("y", yb);
    d.zeros<double>("grads", "NET_PARAMS");
    d.line("const double loss = net_train_step(params, directions, grads, x, y);");
    d.print("loss", "&loss", "1");
    d.print("grads", "grads", "NET_PARAMS");
    const auto c = emit_c_driver::run("hvp", text, d);
    BOOST_TEST(rel_err(c.at("loss").at(0), L) <= tol);
    emit_c_driver::check_arena(c.at("grads"), hv, tol, "H·v");
}

BOOST_AUTO_TEST_CASE(emit_c_of_a_jvp_program) {
    // jvp(W1 * x) reads no param, only W1's direction: the C arena still has W1's slot.
    constexpr auto e = tanh(W1 * x + b1);
    using e_arena = params_for<decltype(e), double>;
    reference::rng r(9);
    e_arena p, v;
    p.for_each([&](auto, auto m) { reference::fill(m, r, 1.0); });
    v.for_each([&](auto, auto m) { reference::fill(m, r, 1.0); });
    const auto xb = reference::random<double>(3, n, r);

    auto prog = compile<batch<n>, scalar_type<double>>(jvp(e, wrt(W1, b1)));
    const reference::mat expected = prog(p, v, x = xb);
    const std::string text = emit_c<e_arena>(prog);
    BOOST_TEST(contains(text, "void net_forward(const double *params, const double *directions, const double *x, double *out)"));
    emit_c_driver::driver d;
    d.scalar<double>();
    d.array("params", p.data(), e_arena::size);
    d.array("directions", v.data(), e_arena::size);
    d.matrix("x", xb);
    d.zeros<double>("out", "NET_SIZE_OUT");
    d.line("net_forward(params, directions, x, out);");
    d.print("out", "out", "NET_SIZE_OUT");
    const auto c = emit_c_driver::run("jvp", text, d);
    BOOST_TEST(rel_err(emit_c_driver::as_matrix(c.at("out"), 4, n), expected) <= tol);

    // Only directions: the default arena of the C file holds W1 although the output reads no W1.
    auto only_direction = compile<batch<n>, scalar_type<double>>(jvp(W1 * x, wrt(W1)));
    BOOST_TEST(contains(emit_c(only_direction), "#define NET_OFFSET_W1 0"));
}
