// Hand-written Eigen: H·v of 784 → 100 relu → 10, batch 64, by Pearlmutter's R-op
// (second_order_handwritten.hpp), checked against exprnet's forward-over-reverse result too.
#include "second_order_handwritten.hpp"

using bench::second_order::kind;
namespace so = bench::second_order;

BENCH_SECOND_ORDER(kind::hvp, "handwritten", so::hand::hw_hvp<false>, so::exprnet_hvp_once);
BENCH_SECOND_ORDER(kind::hvp, "handwritten_lazy_small", so::hand::hw_hvp<true>, so::exprnet_hvp_once);
