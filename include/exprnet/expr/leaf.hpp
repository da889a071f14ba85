/// @file
/// Defines the leaves: `param<"W1", R, C>`, `input<"x", R>`, compile-time constants (`0.5_c`),
/// `zero` and `count` (the number of elements of a shape, for means).
/// `direction_leaf<P>`: the direction v_P of param P in a Jacobian- or Hessian-vector product.
/// Shapes: a param is R×C (C = 1 by default: a column); an input is R×batch; constants are 1×1;
/// a direction has its param's shape.
/// Backward: params (and, for grad(loss, x), inputs) receive gradients. Evaluation: leaves are
/// maps, never buffers; a direction is read from a second arena with the params' layout.
#pragma once

#include <exprnet/core/diagnostics.hpp>
#include <exprnet/core/fixed_string.hpp>
#include <exprnet/expr/node.hpp>

#include <bit>
#include <cstdint>

namespace exprnet {

template <class Leaf, class Value>
struct binding;
namespace detail {
template <class Data>
struct binding_value;  // eval/binding.hpp: a reference to the data, or the data evaluated
}  // namespace detail

/// A trainable parameter: lives in the parameter arena, receives a gradient.
template <fixed_string Name, int Rows, int Cols>
struct param_leaf : expr_base {
    static_assert(Rows > 0 && Cols > 0, EXPRNET_MSG_PARAM_SIZES);
    static constexpr int rows = Rows;
    static constexpr int cols = Cols;
    static constexpr auto name = Name;
    using children = detail::type_list<>;
};

/// Per-sample data: `Rows` values per sample, one column per sample.
template <fixed_string Name, int Rows>
struct input_leaf : expr_base {
    static_assert(Rows > 0, EXPRNET_MSG_PARAM_SIZES);
    static constexpr int rows = Rows;
    static constexpr int cols = batch_dim;
    static constexpr auto name = Name;
    using children = detail::type_list<>;

    /// `x = xb` binds data to this input for one call of a program (eval/binding.hpp: data
    /// stored column by column is read in place; other fixed-size data is evaluated here).
    template <class Value>
    constexpr auto operator=(const Value& value) const noexcept {
        using stored = typename detail::binding_value<Value>::type;
        return binding<input_leaf, stored>{stored(value)};
    }
};

/// The direction v_P along which a forward-mode derivative moves param P (diff/tangent.hpp):
/// `jvp(e, wrt(W))` and `hvp(loss, wrt(W))` are expressions in these leaves, read at a call from
/// a second arena of the params' layout (`direction(W)` names one in an expression of your own).
template <class Param>
struct direction_leaf : expr_base {
    static constexpr int rows = Param::rows;
    static constexpr int cols = Param::cols;
    using param = Param;
    using children = detail::type_list<>;
};

/// A compile-time number; its value is part of its type (as IEEE bits), so equal constants
/// are the same node.
template <std::uint64_t Bits>
struct constant_leaf : expr_base {
    static constexpr int rows = 1;
    static constexpr int cols = 1;
    static constexpr double value = std::bit_cast<double>(Bits);
    using children = detail::type_list<>;
};

/// The constant Num/Den, for code that prefers a template to the `_c` literal.
/// (Floating-point template arguments are not available on clang 14, hence the IEEE bits.)
template <long long Num, long long Den = 1>
inline constexpr constant_leaf<std::bit_cast<std::uint64_t>(double(Num) / double(Den))> ratio_c{};

/// A block of zeros of a given shape (appears only through simplification).
template <int Rows, int Cols>
struct zero_leaf : expr_base {
    static constexpr int rows = Rows;
    static constexpr int cols = Cols;
    using children = detail::type_list<>;
};

/// The number of elements of a Rows×Cols value (Cols may be the batch): 1×1, known at run time
/// when the batch is.
template <int Rows, int Cols>
struct count_leaf : expr_base {
    static constexpr int rows = 1;
    static constexpr int cols = 1;
    static constexpr int counted_rows = Rows;
    static constexpr int counted_cols = Cols;
    using children = detail::type_list<>;
};

template <fixed_string Name, int Rows, int Cols = 1>
inline constexpr param_leaf<Name, Rows, Cols> param{};

template <fixed_string Name, int Rows>
inline constexpr input_leaf<Name, Rows> input{};

template <class T>
inline constexpr bool is_param_v = false;
template <fixed_string Name, int Rows, int Cols>
inline constexpr bool is_param_v<param_leaf<Name, Rows, Cols>> = true;

template <class T>
inline constexpr bool is_input_v = false;
template <fixed_string Name, int Rows>
inline constexpr bool is_input_v<input_leaf<Name, Rows>> = true;

template <class T>
inline constexpr bool is_direction_v = false;
template <class P>
inline constexpr bool is_direction_v<direction_leaf<P>> = true;

template <class T>
inline constexpr bool is_constant_v = false;
template <std::uint64_t Bits>
inline constexpr bool is_constant_v<constant_leaf<Bits>> = true;

template <class T>
inline constexpr bool is_zero_leaf_v = false;
template <int Rows, int Cols>
inline constexpr bool is_zero_leaf_v<zero_leaf<Rows, Cols>> = true;

namespace detail {

/// Called only for a bad `_c` literal; not constexpr, so the literal fails to compile here.
inline void literal_must_be_decimal() {}

/// Parses a decimal literal such as `1e-4`, `0.01` or `3` at compile time.
template <char... Cs>
consteval double parse_decimal() {
    constexpr char text[] = {Cs..., '\0'};
    unsigned long long mantissa = 0;
    int exponent = 0;
    int i = 0;
    bool fraction = false;
    for (; text[i] != '\0' && text[i] != 'e' && text[i] != 'E'; ++i) {
        const char c = text[i];
        if (c == '\'') continue;
        if (c == '.') {
            fraction = true;
            continue;
        }
        if (c < '0' || c > '9') literal_must_be_decimal();  // not constexpr: stops compilation
        if (mantissa < 100000000000000000ULL) {
            mantissa = mantissa * 10 + static_cast<unsigned long long>(c - '0');
            if (fraction) --exponent;
        } else if (!fraction) {
            ++exponent;
        }
    }
    if (text[i] == 'e' || text[i] == 'E') {
        ++i;
        bool negative = false;
        if (text[i] == '-' || text[i] == '+') negative = text[i++] == '-';
        int e = 0;
        for (; text[i] != '\0'; ++i) e = e * 10 + (text[i] - '0');
        exponent += negative ? -e : e;
    }
    long double value = static_cast<long double>(mantissa);
    for (; exponent > 0; --exponent) value *= 10.0L;
    for (; exponent < 0; ++exponent) value /= 10.0L;
    return static_cast<double>(value);
}

}  // namespace detail

namespace literals {

/// `0.5_c`: a compile-time constant expression node (`using namespace exprnet::literals`).
template <char... Cs>
consteval auto operator""_c() {
    return constant_leaf<std::bit_cast<std::uint64_t>(detail::parse_decimal<Cs...>())>{};
}

}  // namespace literals

}  // namespace exprnet
