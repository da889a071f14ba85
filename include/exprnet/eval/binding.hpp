/// @file
/// Defines `binding<Input, Value>`, what `x = xb` makes: data for one input<> for one call, and
/// the checks of a call's bindings (each mistake a catalogued message naming the input).
/// Shapes: the data has the input's rows and one column per sample, of the program's scalar
/// type (checked at compile time where the type tells, else at run time, naming the input and
/// both sizes). Backward: none.
/// Evaluation: the program reads data stored column by column in place (a matrix, a map, a
/// block of whole columns); anything else of fixed size (a row-major matrix, a block of rows,
/// a strided map, an expression such as M::Random()) is evaluated once into the binding, on the
/// stack. Data of run-time size that cannot be read in place is a compile-time error.
#pragma once

#include <exprnet/core/assert.hpp>
#include <exprnet/core/diagnostics.hpp>
#include <exprnet/detail/type_list.hpp>

#include <Eigen/Core>

#include <cstddef>
#include <string_view>
#include <type_traits>

namespace exprnet {

template <class Leaf, class Value>
struct binding {
    using leaf_type = Leaf;
    Value value;
};

namespace detail {

template <class T>
inline constexpr bool is_binding_v = false;
template <class Leaf, class Value>
inline constexpr bool is_binding_v<binding<Leaf, Value>> = true;

/// What the type of bound data tells at compile time. Strides are in column-major terms: the
/// program reads element (i, j) at data[i + j * rows], so it needs row_stride 1 and col_stride
/// rows (each Eigen::Dynamic when known only at run time).
template <class M, bool IsEigen = requires {
    typename M::Scalar;
    M::RowsAtCompileTime;
    M::ColsAtCompileTime;
    M::Flags;
    M::InnerStrideAtCompileTime;
    M::OuterStrideAtCompileTime;
}>
struct data_traits {
    static constexpr bool eigen = false;
    static constexpr bool evaluate_into_binding = false;
    using plain = void;
};
template <class M>
struct data_traits<M, true> {
    static constexpr bool eigen = true;
    using scalar = typename M::Scalar;
    static constexpr int rows = M::RowsAtCompileTime;
    static constexpr int cols = M::ColsAtCompileTime;
    static constexpr bool fixed = rows != Eigen::Dynamic && cols != Eigen::Dynamic;
    static constexpr bool direct = (int(M::Flags) & Eigen::DirectAccessBit) != 0;
    static constexpr bool row_major = (int(M::Flags) & Eigen::RowMajorBit) != 0;
    static constexpr int row_stride = row_major ? int(M::OuterStrideAtCompileTime) : int(M::InnerStrideAtCompileTime);
    static constexpr int col_stride = row_major ? int(M::InnerStrideAtCompileTime) : int(M::OuterStrideAtCompileTime);

    /// Whether the strides known at compile time already rule out reading the data in place as
    /// r rows (rows > 1 need row stride 1) and possibly several columns (col stride r).
    static constexpr bool scattered(int r, bool several_columns) {
        return direct && ((r != 1 && row_stride != Eigen::Dynamic && row_stride != 1) ||
                          (several_columns && r != Eigen::Dynamic && col_stride != Eigen::Dynamic && col_stride != r));
    }

#if EIGEN_STACK_ALLOCATION_LIMIT
    static constexpr bool fits_on_stack =
        fixed && std::size_t(rows) * std::size_t(cols) * sizeof(scalar) <= std::size_t(EIGEN_STACK_ALLOCATION_LIMIT);
#else
    static constexpr bool fits_on_stack = fixed;
#endif
    /// Fixed-size data that cannot be read in place is evaluated into the binding (no heap).
    static constexpr bool evaluate_into_binding = fits_on_stack && (!direct || scattered(rows, cols != 1));
    /// What it is evaluated into: column-major (a row vector is row-major in Eigen, and contiguous).
    using plain = Eigen::Matrix<scalar, rows, cols, rows == 1 && cols != 1 ? Eigen::RowMajor : Eigen::ColMajor>;
};

/// What `x = value` stores: a reference to data read in place (or to anything else, reported at
/// the call with a catalogued message), or the evaluated data.
template <class M>
struct binding_value {
    using type = std::conditional_t<data_traits<M>::evaluate_into_binding, typename data_traits<M>::plain, const M&>;
};

template <class Leaf, class... Bs>
inline constexpr int binding_index_v = [] {
    constexpr bool hits[] = {std::is_same_v<typename Bs::leaf_type, Leaf>..., false};
    int i = 0;
    while (i < int(sizeof...(Bs)) && !hits[i]) ++i;
    return i < int(sizeof...(Bs)) ? i : -1;
}();

// ---- compile-time checks of a call's bindings (each reports its own mistake) ------------------

template <class B>
consteval bool check_is_binding() {
    if constexpr (is_binding_v<B>) {
        return true;
    } else {
        static_assert(dependent_false_v<B>, EXPRNET_MSG_NOT_A_BINDING);
        using shown_below [[maybe_unused]] = diagnostic::show<diagnostic::argument_is_not_a_binding<B>>;
        return false;
    }
}

/// Reports I-th binding if an earlier one binds the same input.
template <std::size_t I, class... Bs>
consteval bool check_bound_once() {
    using leaf = typename at_t<I, type_list<Bs...>>::leaf_type;
    constexpr bool earlier = binding_index_v<leaf, Bs...> != int(I);
    constexpr bool second = [] {  // a third binding of the same input adds no message
        constexpr bool same[] = {std::is_same_v<typename Bs::leaf_type, leaf>..., false};
        int seen = 0;
        for (std::size_t j = 0; j <= I; ++j) seen += same[j];
        return seen == 2;
    }();
    if constexpr (second) {
        static_assert(dependent_false_v<leaf>, EXPRNET_MSG_DUPLICATE_BINDING);
        using shown_below [[maybe_unused]] = diagnostic::show<diagnostic::input_is_bound_twice<leaf>>;
    }
    return !earlier;
}

/// Reports what is wrong with data of type M bound to input X of a program of this scalar and
/// batch (Eigen::Dynamic for dynamic_batch).
template <class X, class M, class Scalar, int Batch>
consteval bool check_data() {
    using D = data_traits<M>;
    if constexpr (!D::eigen) {
        static_assert(dependent_false_v<M>, EXPRNET_MSG_BINDING_TYPE);
        using shown_below [[maybe_unused]] = diagnostic::show<diagnostic::input_data_is_not_eigen<X, M>>;
        return false;
    } else if constexpr (!std::is_same_v<typename D::scalar, Scalar>) {
        static_assert(dependent_false_v<M>, EXPRNET_MSG_BINDING_SCALAR);
        using shown_below [[maybe_unused]] =
            diagnostic::show<diagnostic::input_scalar_differs_from_the_programs<X, typename D::scalar, Scalar>>;
        return false;
    } else if constexpr (D::rows != Eigen::Dynamic && D::rows != X::rows) {
        static_assert(dependent_false_v<M>, EXPRNET_MSG_BINDING_ROWS);
        using shown_below [[maybe_unused]] = diagnostic::show<diagnostic::input_rows_differ_from_data<X, diagnostic::data_rows<D::rows>>>;
        return false;
    } else if constexpr (D::cols != Eigen::Dynamic && Batch != Eigen::Dynamic && D::cols != Batch) {
        static_assert(dependent_false_v<M>, EXPRNET_MSG_BINDING_COLUMNS);
        using shown_below [[maybe_unused]] = diagnostic::show<
            diagnostic::input_columns_differ_from_batch<X, diagnostic::data_cols<D::cols>, diagnostic::batch_size<Batch>>>;
        return false;
    } else if constexpr (!D::direct) {
        static_assert(dependent_false_v<M>, EXPRNET_MSG_BINDING_EXPRESSION);
        using shown_below [[maybe_unused]] = diagnostic::show<diagnostic::input_data_must_be_evaluated<X>>;
        return false;
    } else if constexpr (D::scattered(X::rows, D::cols != 1 && Batch != 1)) {
        static_assert(dependent_false_v<M>, EXPRNET_MSG_BINDING_LAYOUT);
        using shown_below [[maybe_unused]] = diagnostic::show<diagnostic::input_data_is_not_column_major<X>>;
        return false;
    } else {
        return true;
    }
}

template <class X, class... Bs>
consteval bool check_bound() {
    constexpr int k = binding_index_v<X, Bs...>;
    if constexpr (k < 0) {
        static_assert(dependent_false_v<X>, EXPRNET_MSG_MISSING_INPUT);
        using shown_below [[maybe_unused]] = diagnostic::show<diagnostic::input_is_not_bound<X>>;
    }
    return k >= 0;
}

/// The column count of the data bound to X when its type fixes it, else Eigen::Dynamic.
template <class X, class... Bs>
consteval int fixed_columns() {
    constexpr int k = binding_index_v<X, Bs...>;
    if constexpr (k < 0) {
        return Eigen::Dynamic;
    } else {
        using M = std::remove_cvref_t<decltype(at_t<std::size_t(k), type_list<Bs...>>::value)>;
        if constexpr (data_traits<M>::eigen) return data_traits<M>::cols;
        else return Eigen::Dynamic;
    }
}

/// A dynamic-batch call: reports the first input whose data has another fixed column count
/// than the first input with a fixed column count (a fixed batch checks each against N).
template <class X, int Cols, class First, int FirstCols>
consteval bool check_same_columns() {
    if constexpr (Cols != Eigen::Dynamic && FirstCols != Eigen::Dynamic && Cols != FirstCols) {
        static_assert(dependent_false_v<X>, EXPRNET_MSG_BINDING_COLUMNS_DIFFER);
        using shown_below [[maybe_unused]] = diagnostic::show<
            diagnostic::inputs_have_different_columns<First, diagnostic::data_cols<FirstCols>, X, diagnostic::data_cols<Cols>>>;
        return false;
    } else {
        return true;
    }
}

template <class Inputs, class Scalar, int Batch, class... Bs>
struct call_bindings;
template <class... Xs, class Scalar, int Batch, class... Bs>
struct call_bindings<type_list<Xs...>, Scalar, Batch, Bs...> {
    template <class X>
    static consteval bool check_input() {
        if constexpr (!check_bound<X, Bs...>()) {
            return false;
        } else {
            using B = at_t<std::size_t(binding_index_v<X, Bs...>), type_list<Bs...>>;
            return check_data<X, std::remove_cvref_t<decltype(B::value)>, Scalar, Batch>();
        }
    }

    template <std::size_t... Is>
    static consteval bool check_each(std::index_sequence<Is...>) {
        constexpr bool once[] = {check_bound_once<Is, Bs...>()..., true};
        constexpr bool inputs[] = {check_input<Xs>()..., true};
        bool ok = true;
        for (bool b : once) ok = ok && b;
        for (bool b : inputs) ok = ok && b;
        if constexpr (Batch == Eigen::Dynamic && sizeof...(Xs) > 1) {
            using X0 = at_t<0, type_list<Xs...>>;
            constexpr bool same[] = {check_same_columns<Xs, fixed_columns<Xs, Bs...>(), X0, fixed_columns<X0, Bs...>()>()...};
            for (bool b : same) ok = ok && b;
        }
        return ok;
    }

    /// Reports every mistake in the bindings of a call; true if there is none.
    static consteval bool check() {
        [[maybe_unused]] constexpr bool are_bindings[] = {check_is_binding<Bs>()..., true};
        if constexpr ((is_binding_v<Bs> && ...)) return check_each(std::index_sequence_for<Bs...>{});
        else return false;  // reported above; without a leaf_type there is nothing more to check
    }
};

// ---- run-time checks ----------------------------------------------------------------------------

/// An input as the messages name it. The messages are plain functions of it, not templates of
/// the input's type: one copy of each per translation unit, however many inputs and programs.
struct input_info {
    std::string_view name;
    Eigen::Index rows;
};
template <class X>
inline constexpr input_info info_of{X::name.view(), X::rows};

/// The text of a failed run-time check, with the input's name and sizes. Built only when the
/// check fails (EXPRNET_ASSERT evaluates its message then; a freestanding build never does).
struct call_message {
    char text[320]{};
    std::size_t size = 0;

    call_message& operator<<(std::string_view s) noexcept {
        for (char c : s)
            if (size + 1 < sizeof text) text[size++] = c;
        return *this;
    }
    call_message& operator<<(long long v) noexcept {
        char digits[24];
        int n = 0;
        unsigned long long u = v < 0 ? 0ULL - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
        do {
            digits[n++] = char('0' + u % 10);
            u /= 10;
        } while (u != 0);
        if (v < 0) *this << "-";
        while (n > 0) *this << std::string_view(&digits[--n], 1);
        return *this;
    }
    call_message& operator<<(const input_info& x) noexcept;
};

inline call_message& call_message::operator<<(const input_info& x) noexcept {
    return *this << "input \"" << x.name << "\"";
}

inline call_message rows_message(const input_info& x, Eigen::Index rows, Eigen::Index cols) noexcept {
    call_message m;
    m << "exprnet: program call: " << x << " has " << x.rows << " rows, but the matrix bound to it is " << rows << " x " << cols
      << ". Fix: bind one row per input value.";
    return m;
}

inline call_message layout_message(const input_info& x, Eigen::Index rows, Eigen::Index cols, Eigen::Index row_stride,
                                   Eigen::Index col_stride) noexcept {
    call_message m;
    m << "exprnet: program call: the matrix bound to " << x << " (" << rows << " x " << cols
      << ") is not stored column by column: its row stride is " << row_stride << " and its column stride " << col_stride
      << " (need 1 and " << rows << "). Fix: bind whole columns of a column-major matrix (X.middleCols(j, n)), or copy it "
      << "once into one.";
    return m;
}

inline call_message batch_message(const input_info& x, Eigen::Index batch, Eigen::Index rows, Eigen::Index cols) noexcept {
    call_message m;
    m << "exprnet: program call: the program was compiled for batch<" << batch << ">, so " << x << " needs " << x.rows
      << " x " << batch << " data, but the matrix bound to it is " << rows << " x " << cols << ". Fix: bind exactly "
      << batch << " columns, or compile with dynamic_batch.";
    return m;
}

inline call_message columns_message(const input_info& x, const input_info& first, Eigen::Index first_cols, Eigen::Index rows,
                                    Eigen::Index cols) noexcept {
    call_message m;
    m << "exprnet: program call: all inputs must have the same number of columns (one per sample): " << first
      << " is bound to " << first.rows << " x " << first_cols << " data, but " << x << " to " << rows << " x " << cols << ".";
    return m;
}

inline call_message empty_batch_message(const input_info& x) noexcept {
    call_message m;
    m << "exprnet: program call: " << x << " is bound to " << x.rows << " x 0 data: a call needs at least one sample "
      << "(column). Fix: skip empty batches before the call (if (xb.cols() > 0) ...).";
    return m;
}

/// The data pointer of the matrix bound to input X (checked at compile time by check_data),
/// after the run-time checks of its rows and its layout.
template <class Scalar, class X, class V>
const Scalar* bound_data(const V& value) {
    if constexpr (data_traits<V>::eigen && data_traits<V>::direct) {
        EXPRNET_ASSERT(value.rows() == X::rows, rows_message(info_of<X>, value.rows(), value.cols()).text);
        // Element (i, j) at data[i + j * rows], whatever the storage order (a 1×N row vector is
        // row-major in Eigen), so the strides are compared rather than the flags.
        EXPRNET_ASSERT((value.rows() <= 1 || value.rowStride() == 1) && (value.cols() <= 1 || value.colStride() == value.rows()),
                       layout_message(info_of<X>, value.rows(), value.cols(), value.rowStride(), value.colStride()).text);
        return value.data();
    } else {
        return nullptr;  // reported at compile time
    }
}

}  // namespace detail
}  // namespace exprnet
