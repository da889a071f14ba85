/// @file
/// Defines shapes: `rows`/`cols` of every node, the symbolic batch dimension and `shape<R, C>`.
/// Shapes: a dimension is a positive number, or `batch_dim` for "as many columns as the batch".
/// Backward: none. Evaluation: `batch_dim` becomes the program's batch size (fixed or run-time).
#pragma once

namespace exprnet {

/// The symbolic number of columns of anything that depends on an input: one column per sample.
inline constexpr int batch_dim = -1;

/// A shape as a type; it is what diagnostics print (`shape<100, 784>`, `shape<10, -1>`
/// where -1 means "one column per sample").
template <int Rows, int Cols>
struct shape {
    static constexpr int rows = Rows;
    static constexpr int cols = Cols;
};

template <class T>
inline constexpr bool is_scalar_shape_v = T::rows == 1 && T::cols == 1;

template <class A, class B>
inline constexpr bool same_shape_v = A::rows == B::rows && A::cols == B::cols;

/// Number of elements for a given batch size.
template <class T>
constexpr long elements_for_batch(long batch) noexcept {
    const long r = T::rows == batch_dim ? batch : T::rows;
    const long c = T::cols == batch_dim ? batch : T::cols;
    return r * c;
}

}  // namespace exprnet
