// The planner's phases (eval/plan.hpp, plan_for::make), each checked on its own for one small
// forward network whose schedule is derived here by hand:
//
//     softmax(W2 * relu(W1 * x + b1))      W1: 20×30, b1: 20, W2: 10×20, x: 30, batch<8>
//
// The node list is a depth-first post-order (children before parents, left child first):
//
//     0 W2   1 W1   2 x   3 W1 * x   4 b1   5 broadcast(b1)   6 add   7 relu   8 W2 * relu
//     9 softmax
//
// Both products are too big for a lazy product (20·8·30 = 4800 and 10·8·20 = 1600
// multiply-adds, over the 1024 limit of eval/gemm.hpp) and go through GEMM
// (m + n + k ≥ 20), so they are kernels with buffers, like softmax.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

#include <array>

using namespace exprnet;

namespace {

constexpr auto x = input<"x", 30>;
constexpr auto W1 = param<"W1", 20, 30>;
constexpr auto b1 = param<"b1", 20>;
constexpr auto W2 = param<"W2", 10, 20>;
constexpr auto out = softmax(W2 * relu(W1 * x + b1));

using program_t = decltype(compile<batch<8>>(out));
using plan = program_t::plan;
using sched = schedule<plan::size>;
constexpr long n = 8;

static_assert(plan::size == 10);
static_assert(detail::index_of_v<std::remove_cvref_t<decltype(W1 * x)>, program_t::nodes> == 3);
static_assert(detail::index_of_v<std::remove_cvref_t<decltype(out)>, program_t::nodes> == 9);

// ---- Phase 1, count_uses: every node is read once (the root counts once). Stored operands:
// the products' (W1, x; W2, relu), the broadcast's (b1, read in place) and softmax's
// (W2 * relu); the add's operands are not, so W1 * x is stored only because it is a kernel.
constexpr auto uses = plan::count_uses();
static_assert(uses.uses == std::array{1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
static_assert(uses.stored == std::array{true, true, true, false, true, false, false, true, true, false});

// ---- Phase 2, choose_buffers: the three kernels (3, 8, 9) and relu (7: a product's operand,
// so in memory) get buffers; the add and the broadcast fuse into relu; no gradient slots.
constexpr sched after_buffers = [] {
    sched s;
    plan::choose_buffers(s, uses, n, false);
    return s;
}();
static_assert(after_buffers.materialised == std::array{false, false, false, true, false, false, false, true, true, true});
static_assert(after_buffers.grad_slot == std::array{-1, -1, -1, -1, -1, -1, -1, -1, -1, -1});
static_assert(after_buffers.step_count == 0 && after_buffers.offset[3] == -1);

// ---- Phase 3, order_steps: a forward program runs its buffers in topological order.
constexpr sched after_order = [] {
    sched s = after_buffers;
    plan::order_steps(s);
    return s;
}();
static_assert(after_order.step_count == 4);
static_assert(after_order.steps[0] == 3 && after_order.steps[1] == 7 && after_order.steps[2] == 8 && after_order.steps[3] == 9);
static_assert(after_order.in_place_ok);

// ---- Phase 4, find_last_reads: step 1 (relu) reads W1 * x through the fused add, step 2 reads
// relu, step 3 reads W2 * relu; leaves have no buffer, and nothing reads the root.
constexpr sched after_reads = [] {
    sched s = after_order;
    plan::find_last_reads(s);
    return s;
}();
static_assert(after_reads.last_read == std::array{-1, -1, -1, 1, -1, -1, -1, 2, 3, -1});

// ---- Phase 5, lay_out_workspace (first fit; 160 and 80 scalars are whole paddings):
//   step 0: W1 * x (20×8 = 160) at 0
//   step 1: relu (160) at 160, since W1 * x is live while relu is written; then W1 * x is free
//   step 2: W2 * relu (10×8 = 80) at 0; then relu is free
//   step 3: softmax (80) at 80, after W2 * relu, which it reads
// The workspace is 320 scalars: relu's end.
constexpr sched after_layout = [] {
    sched s = after_reads;
    plan::lay_out_workspace(s, n);
    return s;
}();
static_assert(after_layout.offset == std::array<long, 10>{-1, -1, -1, 0, -1, -1, -1, 160, 0, 80});
static_assert(after_layout.workspace_size == 320);

// ---- Phase 6, add_gemm_panels: panels kc×mc and kc×nc, each rounded up to 16 scalars.
//   W1 * x: kc = 30, mc = 20, nc = 8: 600 → 608, plus 240: 848
//   W2 * relu: kc = 20, mc = 10, nc = 8: 200 → 208, plus 160: 368
// The largest, 848, follows the buffers.
constexpr sched after_panels = [] {
    sched s = after_layout;
    plan::add_gemm_panels(s, n, false);
    return s;
}();
static_assert(after_panels.gemm_offset == 320 && after_panels.workspace_size == 320 + 848);

// ---- make runs the six phases in this order.
constexpr sched made = plan::make(n);
static_assert(made.materialised == after_panels.materialised && made.steps == after_panels.steps &&
              made.last_read == after_panels.last_read && made.offset == after_panels.offset &&
              made.workspace_size == after_panels.workspace_size && made.gemm_offset == after_panels.gemm_offset);
static_assert(program_t::structure.workspace_size == 1168);

}  // namespace

BOOST_AUTO_TEST_CASE(a_dynamic_batch_is_planned_by_the_same_phases) {
    // At run time, for 8 columns: the same buffers and offsets (GEMM for both products).
    const sched s = plan::make(n, true);
    BOOST_TEST(s.step_count == 4);
    BOOST_TEST(s.offset[7] == 160);
    BOOST_TEST(s.workspace_size == 1168);
}
