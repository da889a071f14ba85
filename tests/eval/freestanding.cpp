// Freestanding mode (EXPRNET_FREESTANDING, what embedded builds define): 4-scalar padding and
// 16-byte blocks (eval/alignment.hpp) in arenas and workspaces, no GEMM (eval/gemm_policy.hpp: every
// fixed-size product is lazy, so no packing panels), a fixed program is exactly its workspace,
// the training step still computes what a hand-written Eigen net does, and EXPRNET_ASSERT traps
// without printing (core/assert.hpp). Offsets below are derived by hand in the comments.
#define EXPRNET_FREESTANDING  // before any include: it selects the embedded rules

#include <boost/test/unit_test.hpp>

#include <exprnet/embedded.hpp>

#include "support/reference_nets.hpp"

#include <array>
#include <cmath>
#include <csignal>
#include <cstddef>
#include <type_traits>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace exprnet;

namespace {

static_assert(buffer_padding == 4 && block_alignment == 16);

// ---- arena: slots padded to 4 scalars ------------------------------------------------------------
// Params in order of first appearance, V first (see tests/eval/figures.cpp):
// V 2*7 = 14 -> 16 at 0; U 7*5 = 35 -> 36 at 16; c 7 -> 8 at 52; d 2 -> 4 at 60; 64 scalars.
// (A host build pads to 16: U at 16, c at 64, d at 80, 96 scalars.)
constexpr auto u = input<"u", 5>;
constexpr auto U = param<"U", 7, 5>;
constexpr auto c = param<"c", 7>;
constexpr auto V = param<"V", 2, 7>;
constexpr auto d = param<"d", 2>;
constexpr auto small = V * tanh(U * u + c) + d;
using small_params_t = params_for<decltype(small)>;
static_assert(small_params_t::offset_of<std::remove_cv_t<decltype(V)>>() == 0);
static_assert(small_params_t::offset_of<std::remove_cv_t<decltype(U)>>() == 16);
static_assert(small_params_t::offset_of<std::remove_cv_t<decltype(c)>>() == 52);
static_assert(small_params_t::offset_of<std::remove_cv_t<decltype(d)>>() == 60);
static_assert(small_params_t::size == 64);
static_assert(alignof(small_params_t) == 16);
static_assert(sizeof(small_params_t) == small_params_t::bytes);

// ---- a fixed forward program: buffers padded to 4 scalars, no panels ------------------------------
// batch<3>: U u is lazy and fuses into tanh(U u + c), which V * reads from memory: 7*3 = 21 -> 24
// at 0; the output V h + d (V h fused): 2*3 = 6 -> 8 at 24. 32 scalars, 128 bytes.
using small_infer_t = decltype(compile<batch<3>>(small));
static_assert(small_infer_t::workspace_size == 32);
static_assert(small_infer_t::structure.gemm_offset == 32);
static_assert(small_infer_t::step_count == 2);
static_assert(small_infer_t::structure.offset[small_infer_t::structure.steps[0]] == 0);
static_assert(small_infer_t::structure.offset[small_infer_t::structure.steps[1]] == 24);
// The program object is its workspace and nothing else.
static_assert(sizeof(small_infer_t) == small_infer_t::object_bytes);  // the workspace and the call guard
static_assert(small_infer_t::workspace_bytes == 32 * sizeof(float));
static_assert(alignof(small_infer_t) == 16);

// ---- the 64 -> 32 -> 10 training step at batch<16> -------------------------------------------------
constexpr int n = 16;
constexpr auto x = input<"x", 64>;
constexpr auto y = input<"y", 10>;
constexpr auto W1 = param<"W1", 32, 64>;
constexpr auto b1 = param<"b1", 32>;
constexpr auto W2 = param<"W2", 10, 32>;
constexpr auto b2 = param<"b2", 10>;
constexpr auto scores = W2 * relu(W1 * x + b1) + b2;
constexpr auto loss = softmax_cross_entropy(scores, y);
using train_t = decltype(compile<batch<n>>(loss, wrt(W1, b1, W2, b2)));

/// The host rule of eval/gemm_policy.hpp, written out: products with no dimension 1 and
/// m + n + k >= 20 go through GEMM (Eigen's own cut-off).
constexpr bool host_uses_gemm(long m, long n_, long k) { return m != 1 && n_ != 1 && k != 1 && m + n_ + k >= 20; }

/// {products, products a host build would give to GEMM, products given to GEMM here, lazy ones}.
constexpr std::array<int, 4> product_counts() {
    std::array<int, 4> counts{};
    using plan = train_t::plan;
    for (int i = 0; i < int(plan::size); ++i) {
        const node_row& row = plan::rows[std::size_t(i)];
        if (!row.is_matmul) continue;
        const node_row& a = plan::rows[std::size_t(row.children[0])];
        const auto dim = [](int v) { return long(v == batch_dim ? n : v); };
        ++counts[0];
        counts[1] += host_uses_gemm(dim(a.rows), dim(row.cols), dim(a.cols));
        counts[2] += uses_gemm(dim(a.rows), dim(row.cols), dim(a.cols));
        counts[3] += plan::lazy_product(i, n, false);
    }
    return counts;
}
// W1 x (32x64 by 64x16), W2 h (10x32 by 32x16), W2ᵀ G (32x10 by 10x16), dz xᵀ (32x16 by 16x64),
// G hᵀ (10x16 by 16x32): five products, all with m + n + k >= 20, so GEMM on a host; here none.
static_assert(host_uses_gemm(32, 16, 64));
static_assert(product_counts()[0] == 5);
static_assert(product_counts()[1] == 5);
static_assert(product_counts()[2] == 0);
static_assert(product_counts()[3] == 5);
// Workspace: every product is lazy and fuses into its reader. Steps with a buffer, in order:
//   h = relu(W1 x + b1)        32*16 = 512 at 0
//   scores = W2 h + b2         10*16 = 160 at 512
//   softmax(scores)            160 at 672
//   the loss                   1 -> 4 at 832 (a host build pads it to 16)
//   G = (softmax - y) / N      160 at 512 (scores is dead)
//   dz = (W2ᵀ G) ⊙ [h > 0]     512 at 836 (softmax's 160 freed at 672 is too small)
// then dW1 = dz xᵀ, db1, dW2 = G hᵀ and db2 straight into the gradient arena. The workspace ends
// at 836 + 512 = 1348 scalars, with no panels after it.
constexpr std::array<long, 6> expected_offsets = {0, 512, 672, 832, 512, 836};
constexpr bool workspace_as_derived() {
    const auto& s = train_t::structure;
    int k = 0;
    for (int p = 0; p < s.step_count; ++p) {
        const int i = s.steps[std::size_t(p)];
        if (s.grad_slot[std::size_t(i)] > 0) continue;
        if (k == 6 || s.offset[std::size_t(i)] != expected_offsets[std::size_t(k++)]) return false;
    }
    return k == 6;
}
static_assert(workspace_as_derived());
static_assert(train_t::step_count == 10);
static_assert(train_t::structure.gemm_offset == 1348);
static_assert(train_t::workspace_size == 1348);
static_assert(sizeof(train_t) == train_t::object_bytes);
static_assert(train_t::workspace_bytes == 1348 * sizeof(float));

}  // namespace

BOOST_AUTO_TEST_CASE(training_step_matches_hand_written_eigen) {
    reference::rng r(6);
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    reference::fill(p[W1], r, 0.25);
    reference::fill(p[b1], r, 0.125);
    reference::fill(p[W2], r, 1.0);
    reference::fill(p[b2], r, 0.125);
    const auto xb = reference::random<float>(64, n, r);
    const auto yb = reference::one_hot<float>(10, n, r);

    reference::two_layer ref;
    ref.W1 = reference::wide(p[W1]);
    ref.b1 = reference::wide(p[b1]);
    ref.W2 = reference::wide(p[W2]);
    ref.b2 = reference::wide(p[b2]);
    ref.backward(reference::wide(xb), reference::wide(yb));

    static train_t train;  // static, as on a microcontroller (one .bss block)
    const double L = train(p, g, x = xb, y = yb);
    constexpr double tol = reference::tolerance<float>();
    BOOST_TEST(reference::rel_err(L, ref.loss) <= tol);
    BOOST_TEST(reference::rel_err(reference::wide(g[W1]), ref.dW1) <= tol);
    BOOST_TEST(reference::rel_err(reference::wide(g[b1]), ref.db1) <= tol);
    BOOST_TEST(reference::rel_err(reference::wide(g[W2]), ref.dW2) <= tol);
    BOOST_TEST(reference::rel_err(reference::wide(g[b2]), ref.db2) <= tol);
    // The ReLU masks both ways.
    BOOST_TEST((ref.h.array() > 0).count() > 0);
    BOOST_TEST((ref.h.array() == 0).count() > 0);

    auto infer = compile<batch<3>>(small);
    small_params_t q;
    q.flat().setConstant(0.5f);
    const Eigen::Matrix<float, 5, 3> ub = Eigen::Matrix<float, 5, 3>::Ones();
    // The small net in its 4-padded arena and workspace, every param 0.5 and every input 1: each
    // hidden unit is tanh(5 * 0.5 + 0.5) = tanh(3), each output 7 * 0.5 * tanh(3) + 0.5.
    const Eigen::Matrix<float, 2, 3> out = infer(q, u = ub);
    BOOST_TEST((out.array() - float(3.5 * std::tanh(3.0) + 0.5)).abs().maxCoeff() <= 1e-6);
}

// A failed run-time check traps (SIGILL on x86, SIGTRAP on some other cores) and prints
// nothing; a host build prints the message and aborts (SIGABRT). Run in a child process.
BOOST_AUTO_TEST_CASE(failed_assert_traps_silently) {
    int err[2];
    BOOST_REQUIRE(pipe(err) == 0);
    const pid_t child = fork();
    BOOST_REQUIRE(child >= 0);
    if (child == 0) {
        dup2(err[1], 2);
        close(err[0]);
        const rlimit no_core{0, 0};
        setrlimit(RLIMIT_CORE, &no_core);
        std::signal(SIGILL, SIG_DFL);  // Boost.Test catches signals; the child must die of it
        std::signal(SIGTRAP, SIG_DFL);
        auto infer = compile<batch<3>>(small);
        small_params_t q;
        const Eigen::MatrixXf wrong_rows = Eigen::MatrixXf::Zero(4, 3);  // u has 5
        static_cast<void>(infer(q, u = wrong_rows));
        _exit(0);
    }
    close(err[1]);
    char text[256];
    const ssize_t printed = read(err[0], text, sizeof text);
    close(err[0]);
    int status = 0;
    BOOST_REQUIRE(waitpid(child, &status, 0) == child);
    BOOST_TEST((WIFSIGNALED(status) && (WTERMSIG(status) == SIGILL || WTERMSIG(status) == SIGTRAP)),
               "the child ended with status " << status);
    BOOST_TEST(printed == 0);
}
