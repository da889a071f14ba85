// The phases of a program's local form (eval/local.hpp, local_table), each checked on its own
// for the network of tests/eval/plan.phases.cpp, whose plan is derived there:
//
//     softmax(W2 * relu(W1 * x + b1))      W1: 20×30, b1: 20, W2: 10×20, x: 30, batch<8>
//
//     nodes: 0 W2   1 W1   2 x   3 W1 * x   4 b1   5 broadcast(b1)   6 add   7 relu
//            8 W2 * relu   9 softmax
//     steps: 3, 7, 8, 9 at workspace offsets 0, 160, 0, 80
//
// The param arena holds the params in node order, each padded to 16 scalars: W2 (200 → 208)
// at 0, W1 (600 → 608) at 208, b1 at 816; all column-major (GEMM products; eval/layout.hpp).
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

using namespace exprnet;

namespace {

constexpr auto x = input<"x", 30>;
constexpr auto W1 = param<"W1", 20, 30>;
constexpr auto b1 = param<"b1", 20>;
constexpr auto W2 = param<"W2", 10, 20>;
constexpr auto out = softmax(W2 * relu(W1 * x + b1));

using program_t = decltype(compile<batch<8>>(out));
using arena_t = params_for<decltype(out)>;
using table = detail::local_table<program_t, arena_t, arena_t, false>;
using detail::home_kind;

static_assert(arena_t::order_of<decltype(W1)> == Eigen::ColMajor && arena_t::order_of<decltype(W2)> == Eigen::ColMajor);

constexpr bool home_is(const detail::slot_home& h, home_kind kind, long offset) { return h.kind == kind && h.offset == offset; }

// ---- Phase 0, leaf_homes: the param leaves in the arena, the input by its index; the other
// nodes are no leaves.
static_assert(home_is(table::leaf_homes[0], home_kind::param, 0));    // W2
static_assert(home_is(table::leaf_homes[1], home_kind::param, 208));  // W1
static_assert(home_is(table::leaf_homes[2], home_kind::input, 0));    // x, input 0
static_assert(home_is(table::leaf_homes[4], home_kind::param, 816));  // b1
static_assert(table::leaf_homes[2].aligned == false && table::leaf_homes[1].param);  // the caller's x
static_assert(table::leaf_homes[3].kind == home_kind::none && table::leaf_homes[9].kind == home_kind::none);

// ---- Phase 1, list_jobs: the four steps; a forward program copies no gradient.
static_assert(table::copy_count == 0 && table::job_count == 4);
constexpr auto jobs = table::list_jobs();
static_assert(jobs[0].root == 3 && jobs[1].root == 7 && jobs[2].root == 8 && jobs[3].root == 9);

// ---- Phase 2, collect_slots: what each step reads from memory, in the order met (operands
// right to left onto a stack, so left first):
//   job 0, W1 * x:   W1, x
//   job 1, relu:     W1 * x (through the fused add), b1 (through the broadcast, a view)
//   job 2, W2 * relu: W2, relu
//   job 3, softmax:  W2 * relu
static_assert(table::slot_total == 7);
constexpr auto t = table::collect_slots();
static_assert(t.jobs[0].first == 0 && t.jobs[0].count == 2 && t.jobs[1].first == 2 && t.jobs[1].count == 2);
static_assert(t.jobs[2].first == 4 && t.jobs[2].count == 2 && t.jobs[3].first == 6 && t.jobs[3].count == 1);
static_assert(t.node == std::array{1, 2, 3, 4, 0, 7, 8, 0});  // (one unused entry at the end)
static_assert(home_is(t.slots[0], home_kind::param, 208) && home_is(t.slots[1], home_kind::input, 0));
static_assert(home_is(t.slots[2], home_kind::workspace, 0) && t.slots[2].node == 3);
static_assert(home_is(t.slots[3], home_kind::param, 816));
static_assert(home_is(t.slots[4], home_kind::param, 0) && home_is(t.slots[5], home_kind::workspace, 160));
static_assert(home_is(t.slots[6], home_kind::workspace, 0) && t.slots[6].node == 8);
static_assert(t.jobs[3].shared == -1);  // no softmax_ce here
// Each job's own node is not a slot of it; its fused nodes are none either.
static_assert(table::local_slot(1, 7) == -1 && table::local_slot(1, 6) == -1 && table::local_slot(1, 3) == 0);

// ---- Phase 3, list_out_homes: each step writes its workspace buffer.
constexpr auto outs = table::list_out_homes();
static_assert(home_is(outs[0], home_kind::workspace, 0) && home_is(outs[1], home_kind::workspace, 160));
static_assert(home_is(outs[2], home_kind::workspace, 0) && home_is(outs[3], home_kind::workspace, 80));

// ---- Phase 4, job<Q>::type: relu's step in local form is relu(slot 0 + broadcast(slot 1)),
// assigned (elementwise); the products and softmax run kernels.
using relu_job = table::job<1>;
static_assert(relu_job::frame_type::slots == 2);
static_assert(table::mode_of(1, node_kind::elementwise) == detail::job_mode::assign);
static_assert(table::mode_of(0, node_kind::kernel) == detail::job_mode::run);

}  // namespace

BOOST_AUTO_TEST_CASE(the_program_runs_these_jobs) {
    // The tables above drive the program: with every param 0 except b1 = 1, relu(W1 x + b1) = 1
    // and W2 relu = 0, so the output is the uniform softmax.
    arena_t p;
    p.flat().setZero();
    p[b1].setOnes();
    auto program = compile<batch<8>>(out);
    const Eigen::Matrix<float, 30, 8> xs = Eigen::Matrix<float, 30, 8>::Random();
    const auto y = program(p, x = xs);
    BOOST_TEST((y.array() - 0.1f).abs().maxCoeff() < 1e-6f);
}
