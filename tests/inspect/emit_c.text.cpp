// emit_c: the file's names and comments, its checks of the options, and write_c.
// Names: a param name that is no C identifier ("fc1.weight"), one that is a C keyword
// ("float") and one of the form of the code's buffers ("t3") each get a distinct identifier,
// and the code still computes the program's numbers. Comments: the header carries to_string
// of the expression, each job the step number and its expression with the code's names.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/emit_c.hpp>

#include "support/emit_c_driver.hpp"
#include "support/io_files.hpp"

#include <stdexcept>

using namespace exprnet;
using reference::rel_err;
using reference::wide;

namespace {
constexpr int n = 2;
constexpr auto x = input<"x", 3>;
constexpr auto y = input<"y", 2>;
constexpr auto A = param<"fc1.weight", 4, 3>;
constexpr auto B = param<"float", 4>;
constexpr auto C = param<"t3", 2, 4>;
constexpr auto scores = C * relu(A * x + B);
constexpr auto loss = softmax_cross_entropy(scores, y);
}  // namespace

BOOST_AUTO_TEST_CASE(names_and_comments) {
    reference::rng r(2);
    params_for<decltype(scores)> p;
    p.for_each([&](auto, auto m) { reference::fill(m, r); });
    const auto xb = reference::random<float>(3, n, r);
    auto infer = compile<batch<n>>(scores);
    const std::string text = emit_c(infer, c_options{.prefix = "mlp"});

    BOOST_TEST(text.find(" * Output: " + to_string(scores) + "\n") != std::string::npos);
    BOOST_TEST(text.find("#define MLP_BATCH 2\n") != std::string::npos);
    for (const char* id : {"fc1_weight", "float_", "t3_"})
        BOOST_TEST(text.find(std::string("#define MLP_OFFSET_") + id + " ") != std::string::npos, id);
    // relu(A * x + B) is one fused step (a buffer, read by the product), with the C names.
    BOOST_TEST(text.find("/* step 0, 4x2: t") != std::string::npos);
    BOOST_TEST(text.find(" = relu(fc1_weight * x + float_) */") != std::string::npos);
    BOOST_TEST(text.find("void mlp_forward(const float *params, const float *x, float *out) {") != std::string::npos);

    const auto c = emit_c_driver::run("names", text, emit_c_driver::forward_driver(p, {{"x", xb}}, "mlp"));
    BOOST_TEST(rel_err(emit_c_driver::as_matrix(c.at("out"), 2, n), wide(infer(p, x = xb))) <= 1e-5);
}

namespace {
std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}
}  // namespace

// What is printed is what runs: one commented block per step of the program, in its order.
BOOST_AUTO_TEST_CASE(one_block_per_step) {
    auto train = compile<batch<n>>(loss, wrt(A, B, C));
    using program_t = decltype(train);
    const std::string both = emit_c(train, c_options{.sgd_step = true});
    BOOST_TEST(count(both, "/* step ") == 2 * std::size_t(program_t::step_count));
    for (int q = 0; q < program_t::step_count; ++q)
        BOOST_TEST(count(both, "/* step " + std::to_string(q) + ", ") == 2u, q);
    BOOST_TEST(count(both, "/* step " + std::to_string(program_t::step_count) + ", ") == 0u);
    // The comment lists each function's prototype, as defined.
    for (const char* f : {"float net_train_step(const float *params, float *grads, const float *x, const float *y)",
                          "float net_sgd_step(float *params, const float *x, const float *y, float lr)"}) {
        BOOST_TEST(count(both, std::string(" *   ") + f + ";\n") == 1u, f);
        BOOST_TEST(count(both, std::string("\n") + f + " {\n") == 1u, f);
    }
}

BOOST_AUTO_TEST_CASE(option_checks) {
    auto infer = compile<batch<n>>(scores);
    BOOST_CHECK_THROW(emit_c(infer, c_options{.prefix = "9lives"}), std::invalid_argument);
    BOOST_CHECK_THROW(emit_c(infer, c_options{.prefix = "my-net"}), std::invalid_argument);
    BOOST_CHECK_THROW(emit_c(infer, c_options{.prefix = ""}), std::invalid_argument);
    auto train = compile<batch<n>>(loss, wrt(A, B, C));
    BOOST_CHECK_THROW(emit_c(train, c_options{.train_step = false, .sgd_step = false}), std::invalid_argument);
    // A net whose gradients cannot be applied in place (tests/fail/sgd_in_place.cpp): dA reads
    // B and dB reads A. Its training step is fine; its fused SGD step is refused.
    constexpr auto P = param<"P", 3, 4>;
    constexpr auto Q = param<"Q", 4, 3>;
    constexpr auto chained = sum_sq(P * Q * x);
    auto both = compile<batch<n>>(chained, wrt(P, Q));
    static_assert(!decltype(both)::structure.in_place_ok);
    BOOST_CHECK_NO_THROW(emit_c(both));
    BOOST_CHECK_THROW(emit_c(both, c_options{.sgd_step = true}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(write_c_file) {
    io_files::temp_dir dir("emit_c-write");
    auto infer = compile<batch<n>>(scores);
    const std::string text = emit_c(infer);
    write_c(dir / "net.c", text);
    BOOST_TEST(io_files::read_text(dir / "net.c") == text);
    BOOST_TEST(io_files::listing(dir.path()) == (std::set<std::string>{"net.c"}));  // no temporary left
    BOOST_CHECK_THROW(write_c(dir / "missing" / "net.c", text), io::error);
    BOOST_TEST(io_files::listing(dir.path()) == (std::set<std::string>{"net.c"}));
}
