/// @file
/// Arena scalars as the little-endian bytes of NumPy's `<f4` / `<f8`, and the file shape of a
/// param: (rows,) for a column vector (a bias, as PyTorch stores it), (rows, cols) otherwise.
#pragma once

#include <bit>
#include <cstddef>
#include <cstring>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

namespace exprnet::io::detail {

template <class Scalar>
inline constexpr bool is_file_scalar = std::is_same_v<Scalar, float> || std::is_same_v<Scalar, double>;

/// NumPy's dtype string of the scalar: "<f4" or "<f8".
template <class Scalar>
inline constexpr std::string_view npy_descr = sizeof(Scalar) == 4 ? "<f4" : "<f8";

template <class Scalar>
void append_scalar(std::vector<unsigned char>& out, Scalar v) {
    unsigned char b[sizeof(Scalar)];
    std::memcpy(b, &v, sizeof(Scalar));
    if constexpr (std::endian::native == std::endian::big)
        for (std::size_t i = 0; i < sizeof(Scalar) / 2; ++i) std::swap(b[i], b[sizeof(Scalar) - 1 - i]);
    out.insert(out.end(), b, b + sizeof(Scalar));
}

/// The k-th little-endian scalar of `data`.
template <class Scalar>
Scalar scalar_at(std::span<const unsigned char> data, std::size_t k) noexcept {
    unsigned char b[sizeof(Scalar)];
    std::memcpy(b, data.data() + k * sizeof(Scalar), sizeof(Scalar));
    if constexpr (std::endian::native == std::endian::big)
        for (std::size_t i = 0; i < sizeof(Scalar) / 2; ++i) std::swap(b[i], b[sizeof(Scalar) - 1 - i]);
    Scalar v;
    std::memcpy(&v, b, sizeof(Scalar));
    return v;
}

/// "NaN", "inf" or "-inf", for messages about a value that is not finite.
template <class Scalar>
const char* non_finite_name(Scalar v) noexcept {
    return v != v ? "NaN" : v > 0 ? "inf" : "-inf";
}

template <class P>
std::vector<std::size_t> file_shape() {
    if constexpr (P::cols == 1) return {std::size_t(P::rows)};
    else return {std::size_t(P::rows), std::size_t(P::cols)};
}

}  // namespace exprnet::io::detail
