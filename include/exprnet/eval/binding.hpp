/// @file
/// Defines `binding<Input, Value>`, what `x = xb` makes: data for one input<> for one call.
/// Shapes: the matrix has the input's rows and one column per sample, column-major, contiguous,
/// of the program's scalar type (checked at compile time where the type tells, else at run time).
/// Backward: none. Evaluation: the program maps the data; nothing is copied.
#pragma once

#include <exprnet/core/assert.hpp>
#include <exprnet/core/diagnostics.hpp>
#include <exprnet/detail/type_list.hpp>

#include <Eigen/Core>

#include <type_traits>

namespace exprnet {

template <class Leaf, class Value>
struct binding {
    using leaf_type = Leaf;
    Value value;
};

namespace detail {

template <class Leaf, class... Bs>
inline constexpr int binding_index_v = [] {
    constexpr bool hits[] = {std::is_same_v<typename Bs::leaf_type, Leaf>..., false};
    int i = 0;
    while (i < int(sizeof...(Bs)) && !hits[i]) ++i;
    return i < int(sizeof...(Bs)) ? i : -1;
}();

/// The data pointer of a bound matrix, after checking it fits the input.
template <class Scalar, class Leaf, class V>
const Scalar* bound_data(const V& value, Eigen::Index& columns) {
    using M = std::remove_cvref_t<V>;
    constexpr bool eigen_dense = requires { typename M::Scalar; M::RowsAtCompileTime; };
    static_assert(eigen_dense, EXPRNET_MSG_BINDING_TYPE);
    if constexpr (eigen_dense) {
        constexpr bool same_scalar = std::is_same_v<typename M::Scalar, Scalar>;
        static_assert(same_scalar, EXPRNET_MSG_BINDING_TYPE);
        if constexpr (same_scalar) {  // else no follow-up error about the pointer type
            static_assert(M::RowsAtCompileTime == Eigen::Dynamic || M::RowsAtCompileTime == Leaf::rows,
                          EXPRNET_MSG_BINDING_TYPE);
            static_assert(!(M::Flags & Eigen::RowMajorBit) || M::ColsAtCompileTime == 1 || M::RowsAtCompileTime == 1,
                          EXPRNET_MSG_BINDING_TYPE);
            EXPRNET_ASSERT(value.rows() == Leaf::rows, "exprnet: x = matrix: the matrix has the wrong number of rows");
            // Column-major and contiguous as the program reads it: element (i, j) at data[i + j * rows].
            // In strides, whatever the storage order (a 1×N row vector is row-major in Eigen).
            EXPRNET_ASSERT((value.rows() <= 1 || value.rowStride() == 1) && (value.cols() <= 1 || value.colStride() == value.rows()),
                           "exprnet: x = matrix: the matrix must be contiguous (no block of a larger matrix)");
            columns = value.cols();
            return value.data();
        }
    }
    return nullptr;
}

}  // namespace detail
}  // namespace exprnet
