// Hand-written Eigen: the gradient and J·v of 784 → 100 relu → 10, batch 64
// (second_order_handwritten.hpp); the J·v systems are checked against exprnet's result too.
#include "second_order_handwritten.hpp"

using bench::second_order::kind;
namespace so = bench::second_order;

BENCH_SECOND_ORDER(kind::grad, "handwritten", so::hand::hw_grad<false>);
BENCH_SECOND_ORDER(kind::grad, "handwritten_lazy_small", so::hand::hw_grad<true>);
BENCH_SECOND_ORDER(kind::jvp, "handwritten", so::hand::hw_jvp<false>, so::exprnet_jvp_once);
BENCH_SECOND_ORDER(kind::jvp, "handwritten_lazy_small", so::hand::hw_jvp<true>, so::exprnet_jvp_once);
