// The constexpr figures of programs and arenas, against values computed by hand (in the
// comments) for the 784-100-10 net
//   scores = W2 * relu(W1 * x + b1) + b2
//   loss   = softmax_cross_entropy(scores, y) + 1e-4 (sum_sq(W1) + sum_sq(W2))
// and the layout of its arenas (sizes, offsets, alignment of p[W]).
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <type_traits>

using namespace exprnet;
using namespace exprnet::literals;

namespace {

constexpr auto x = input<"x", 784>;
constexpr auto y = input<"y", 10>;
constexpr auto W1 = param<"W1", 100, 784>;
constexpr auto b1 = param<"b1", 100>;
constexpr auto W2 = param<"W2", 10, 100>;
constexpr auto b2 = param<"b2", 10>;
constexpr auto scores = W2 * relu(W1 * x + b1) + b2;
constexpr auto loss = softmax_cross_entropy(scores, y) + 1e-4_c * (sum_sq(W1) + sum_sq(W2));

using infer_t = decltype(compile<batch<64>>(scores));
using infer1_t = decltype(compile(scores));
using infer_dyn_t = decltype(compile<dynamic_batch>(scores));
using train_t = decltype(compile<batch<64>>(loss, wrt(W1, b1, W2, b2)));
using train_top_t = decltype(compile<batch<64>>(loss, wrt(W2, b2)));
using train_double_t = decltype(compile<batch<64>, scalar_type<double>>(loss, wrt(W1, b1, W2, b2)));

// ---- parameter_count -------------------------------------------------------------------------
// W1 100*784 = 78400, b1 100, W2 10*100 = 1000, b2 10: 78400 + 100 + 1000 + 10 = 79510.
static_assert(infer_t::parameter_count == 79510);
static_assert(train_t::parameter_count == 79510);
static_assert(train_top_t::parameter_count == 79510);  // it reads every param, trains two
static_assert(train_double_t::parameter_count == 79510);
static_assert(params_for<decltype(loss)>::parameter_count == 79510);

// ---- multiply_adds_per_sample -----------------------------------------------------------------
// A product A (m x k) * B (k x c) costs m*k*c; per sample = the coefficient of the batch n.
// Forward: W1 x: 100*784*n = 78400 n; W2 h: 10*100*n = 1000 n; total 79400 per sample.
static_assert(infer_t::multiply_adds_per_sample == 100 * 784 + 10 * 100);
static_assert(infer_t::multiply_adds_per_sample == 79400);
static_assert(infer1_t::multiply_adds_per_sample == 79400);
static_assert(infer_dyn_t::multiply_adds_per_sample == 79400);
// Training: the forward products, plus the backward products the rules call for, with
// G = (softmax(scores) - y) / N (10 x n) and dz = (W2ᵀ G) ⊙ [h > 0] (100 x n):
//   dW2 = G hᵀ:     10 x n times n x 100:   10*n*100  = 1000 n
//   dh  = W2ᵀ G:   100 x 10 times 10 x n:   100*10*n  = 1000 n
//   dW1 = dz xᵀ:   100 x n times n x 784:   100*n*784 = 78400 n
// The regulariser adds no product (2e-4 W is elementwise). dx = W1ᵀ dz is not computed: x is
// an input, not a param, so nothing asks for its adjoint.
// Total: 79400 + 1000 + 1000 + 78400 = 159800 per sample.
static_assert(train_t::multiply_adds_per_sample == 79400 + 10 * 100 + 100 * 10 + 100 * 784);
static_assert(train_t::multiply_adds_per_sample == 159800);
static_assert(train_double_t::multiply_adds_per_sample == 159800);
// Training only W2, b2: dW2 = G hᵀ is the only backward product (neither dh nor dW1 is needed):
// 79400 + 1000 = 80400.
static_assert(train_top_t::multiply_adds_per_sample == 80400);
// Five products in the training program, two in the forward one.
template <class Program>
constexpr int products() {
    int count = 0;
    for (const auto& row : Program::plan::rows) count += row.is_matmul ? 1 : 0;
    return count;
}
static_assert(products<infer_t>() == 2);
static_assert(products<train_t>() == 5);
static_assert(products<train_top_t>() == 3);

// ---- step_count --------------------------------------------------------------------------------
// Forward: W1 x, relu(W1 x + b1) (an operand of W2 *, so in memory; the bias add fuses into it),
// W2 h, and the output W2 h + b2: 4 steps.
static_assert(infer_t::step_count == 4);
// Training: those 4; the loss pieces softmax_cross_entropy, sum(square(W1)), sum(square(W2))
// and the loss itself (4); the backward softmax, G, W2ᵀ G, dz, dz xᵀ, G hᵀ (6); the four
// gradients written into the arena (dW1 = dz xᵀ + 2e-4 W1, db1 = rowsum(dz),
// dW2 = G hᵀ + 2e-4 W2, db2 = rowsum(G)): 18 steps.
static_assert(train_t::step_count == 18);

// ---- workspace_bytes ------------------------------------------------------------------------------
// Buffers are padded to 16 scalars; products big enough for GEMM get packing panels after the
// buffers (structure.gemm_offset), sized for the largest such product.
//
// Forward, batch 64, float. Buffers: W1 x 100*64 = 6400 at 0; relu 6400 at 6400 (W1 x is still
// being read); W1 x is then dead, so W2 h (10*64 = 640) goes to 0; relu is then dead, and the
// output (640) goes after W2 h, at 640. Buffers end at 12800 (without reuse: 6400 + 6400 + 640
// + 640 = 14080). Panels: W1 x is the largest GEMM (100 x 784 times 784 x 64).
static_assert(infer_t::structure.gemm_offset == 12800);
static_assert(infer_t::structure.gemm_offset < 6400 + 6400 + 640 + 640);
static_assert(infer_t::workspace_size == std::size_t(12800 + gemm_scratch_size(100, 64, 784)));
static_assert(infer_t::workspace_bytes == infer_t::workspace_size * sizeof(float));
static_assert(infer_t::workspace_bytes > 0);
// One sample: both products are a param times one column. Where they run as Eigen's row-major
// GEMV (uses_param_gemv: every target but AVX-512), each writes a buffer: W1 x (100 -> 112
// scalars) at 0, relu(W1 x + b1) (112) at 112; W1 x is then dead, so W2 h (10 -> 16) goes to 0
// and the output (16) after it: 224 scalars. On AVX-512 both are lazy dot products that fuse
// into their readers: relu(W1 x + b1) at 0 and the output at 112, 128 scalars. No GEMM: no panels.
static_assert(uses_param_gemv(100, 784) == uses_param_gemv(10, 100));
static_assert(infer1_t::workspace_bytes == (uses_param_gemv(100, 784) ? 224 : 128) * sizeof(float));
// A dynamic program has no fixed workspace; for 64 columns it plans what batch<64> does.
static_assert(infer_dyn_t::workspace_bytes == 0);
static_assert(infer_dyn_t::workspace_bytes_for(64) == infer_t::workspace_bytes);
static_assert(infer_t::workspace_bytes_for(64) == infer_t::workspace_bytes);
static_assert(infer_dyn_t::workspace_bytes_for(1) < infer_dyn_t::workspace_bytes_for(64));
static_assert(infer_dyn_t::workspace_bytes_for(64) < infer_dyn_t::workspace_bytes_for(128));
//
// Training, batch 64, float. Buffers the plan materialises in the workspace (the four
// gradients go to the gradient arena): W1 x, relu, W2ᵀ G, dz (100*64 = 6400 each); W2 h,
// scores, softmax, G (640 each); four 1x1 values (16 each, padded); dz xᵀ (100*784 = 78400:
// the L2 term is added to it on the way to the arena); G hᵀ (1000 -> 1008). Without reuse:
// 4*6400 + 4*640 + 4*16 + 78400 + 1008 = 107632 scalars. The panels are sized for the largest
// GEMM, dz xᵀ (100 x 64 times 64 x 784). Every value if it were stored (fused ones too):
// 6 of 100 x n, 5 of 10 x n, 6 of 1x1, 4 of 100 x 784, 4 of 10 x 100, db1, db2:
// 38400 + 3200 + 6 + 313600 + 4000 + 110 = 359316 scalars.
static_assert(train_t::structure.gemm_offset < 107632);  // reuse
static_assert(train_t::workspace_size - std::size_t(train_t::structure.gemm_offset) ==
              std::size_t(gemm_scratch_size(100, 784, 64)));
static_assert(train_t::workspace_size < 107632 + std::size_t(gemm_scratch_size(100, 784, 64)));
static_assert(train_t::workspace_size < 359316);
static_assert(train_t::workspace_bytes > 0);
static_assert(train_double_t::workspace_bytes == 2 * train_t::workspace_bytes);

// Usable in constant expressions: a memory budget, and a buffer sized by the figure.
static_assert(train_t::workspace_bytes <= 1024 * 1024, "the 784-100-10 training step fits in 1 MiB");
static_assert(sizeof(std::array<std::byte, infer_t::workspace_bytes>) == infer_t::workspace_bytes);
static_assert(std::integral_constant<std::size_t, train_t::workspace_bytes>::value == train_t::workspace_bytes);
// A fixed-batch program holds its workspace and its call guard, nothing else (the schedule is a
// static member), so a static program is one block of exactly object_bytes
// (tests/eval/freestanding.cpp: the same in embedded builds).
static_assert(sizeof(infer_t) == infer_t::object_bytes);
static_assert(sizeof(infer1_t) == infer1_t::object_bytes);
static_assert(sizeof(train_t) == train_t::object_bytes);
static_assert(sizeof(train_double_t) == train_double_t::object_bytes);

// ---- arenas -----------------------------------------------------------------------------------------
// Params in order of first appearance, children before parents: W2 * relu(...) reaches W2
// before W1; then b1, then b2. Each slot is padded to 16 scalars:
// W2 1000 -> 1008 at 0; W1 78400 (already a multiple of 16) at 1008; b1 100 -> 112 at 79408;
// b2 10 -> 16 at 79520; 79536 scalars in all.
using arena_t = params_for<decltype(loss)>;
static_assert(arena_t::count == 4);
static_assert(arena_t::offset_of<std::remove_cv_t<decltype(W2)>>() == 0);
static_assert(arena_t::offset_of<std::remove_cv_t<decltype(W1)>>() == 1008);
static_assert(arena_t::offset_of<std::remove_cv_t<decltype(b1)>>() == 79408);
static_assert(arena_t::offset_of<std::remove_cv_t<decltype(b2)>>() == 79520);
static_assert(arena_t::size == 79536);
static_assert(arena_t::bytes == 79536 * sizeof(float));
static_assert(params_for<decltype(loss), double>::bytes == 79536 * sizeof(double));
static_assert(grads_for<decltype(loss)>::size == arena_t::size);  // same layout, slot for slot
static_assert(grads_for<decltype(loss)>::offsets == arena_t::offsets);
static_assert(params_for<decltype(scores)>::size == arena_t::size);  // the loss adds no param
// The storage is inline.
static_assert(sizeof(arena_t) == arena_t::bytes);

// A product of params alone is done once per call, not once per sample:
// (V * U) * x with V 10x20, U 20x30, x 30xN at batch<4>: V*U costs 10*20*30 = 6000 per call,
// the product with x 10*30 = 300 per sample, so 6000 + 4*300 = 7200 per call.
constexpr auto U = param<"U", 20, 30>;
constexpr auto V = param<"V", 10, 20>;
constexpr auto u_in = input<"u", 30>;
using chained_t = decltype(compile<batch<4>>((V * U) * u_in));
static_assert(chained_t::multiply_adds_per_sample == 300);
static_assert(chained_t::multiply_adds_per_call() == 7200);
static_assert(chained_t::multiply_adds_per_call(1) == 6300);

bool aligned(const void* p, std::size_t bytes) { return reinterpret_cast<std::uintptr_t>(p) % bytes == 0; }

}  // namespace

BOOST_AUTO_TEST_CASE(slots_are_aligned) {
    static arena_t p;  // 318 KB: static
    auto g = std::make_unique<grads_for<decltype(loss)>>();
    auto pd = std::make_unique<params_for<decltype(loss), double>>();
    // Every slot starts at a multiple of 16 scalars of a 64-byte aligned block.
    for (const void* ptr : {static_cast<const void*>(p[W1].data()), static_cast<const void*>(p[b1].data()),
                            static_cast<const void*>(p[W2].data()), static_cast<const void*>(p[b2].data()),
                            static_cast<const void*>((*g)[W1].data()), static_cast<const void*>((*g)[b2].data()),
                            static_cast<const void*>((*pd)[W1].data()), static_cast<const void*>((*pd)[b1].data())}) {
        BOOST_TEST(aligned(ptr, 16));
        BOOST_TEST(aligned(ptr, 64));
    }
    BOOST_TEST(p[W1].data() == p.data() + 1008);
    BOOST_TEST(p.flat().size() == 79536);
    BOOST_TEST(p[W1].rows() == 100);
    BOOST_TEST(p[W1].cols() == 784);
}
