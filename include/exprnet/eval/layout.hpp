/// @file
/// Defines `row_major_params_t<E, Scalar>`: how each parameter matrix is laid out in its arena
/// (`params_for<E>::order_of<P>` reads it), chosen from how E uses it.
/// Shapes: only matrices (rows > 1 and cols > 1) have a choice; vectors are always contiguous.
/// Backward: the gradient arena has the same layout, slot for slot.
/// Evaluation: a left factor `W * x` whose product runs row by row is stored row-major: a
/// matrix-vector product (Eigen's row-major GEMV streams each row once; `uses_param_gemv`), or a small product
/// with fewer output rows than a SIMD packet (each output is one vectorised dot product instead
/// of a scalar loop). Everything else is column-major. Big batched products (GEMM) pack their
/// operands, so either order costs the same there.
#pragma once

#include <exprnet/detail/type_list.hpp>
#include <exprnet/eval/gemm_policy.hpp>
#include <exprnet/expr/matmul.hpp>
#include <exprnet/graph/topo.hpp>

#include <Eigen/Core>

namespace exprnet {

namespace detail {

// The left factor of a product node, else void: one lookup per node, not one per (param, node)
// pair, and no fold (clang limits folds to 256 operands; deep nets have more nodes).
template <class Node>
struct left_factor {
    using type = void;
};
template <class A, class B>
struct left_factor<matmul<A, B>> {
    using type = A;
};

/// The left factors of the products among Nodes (void for other nodes), computed once per list.
template <class Nodes>
struct left_factors;
template <class... Ns>
struct left_factors<type_list<Ns...>> {
    using type = type_list<typename left_factor<Ns>::type...>;
};

/// Whether param P is stored row-major, as a type: asked once per param, and a variable or
/// function named after the expression once per param would cost compile time (eval/local.hpp).
template <class P, class LeftFactors, class Scalar>
using row_major_t =
    std::bool_constant<(P::rows > 1) && (P::cols > 1) && contains_t<P, LeftFactors>::value &&
                       (long(P::rows) * P::cols > lazy_product_limit || uses_param_gemv(P::rows, P::cols) ||
                        P::rows < Eigen::internal::packet_traits<Scalar>::size)>;

template <class E, class Scalar>
struct is_row_major_in {
    using factors = typename left_factors<nodes_of_t<E>>::type;
    template <class P>
    struct test : row_major_t<P, factors, Scalar> {};
};
}  // namespace detail

/// The params of E stored row-major (the arena's layout descriptor).
template <class E, class Scalar>
using row_major_params_t = typename detail::filter<params_of_t<E>, detail::is_row_major_in<E, Scalar>::template test>::type;

}  // namespace exprnet
