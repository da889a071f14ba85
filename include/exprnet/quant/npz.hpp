/// @file
/// Defines `quant::save_npz(path, q)`: int8 parameters (quant/qparams.hpp) as a NumPy .npz, for
/// inspection and for other tools. Each layer's arrays are named after its weight param W (and
/// its bias param b): `W` int8 (out, in); `W.scale` float32 (out,); `b` (or `W.bias`) int32;
/// `W.offset_bias`, `W.multiplier`, `W.shift` int32 (out,); `W.output.scale` float32 and
/// `W.output.zero_point`, `W.output_min`, `W.output_max` int32, shape (); with a table,
/// `W.table` int8 (256,), `W.table_output.scale`, `W.table_output.zero_point`; and for the
/// network, `input.scale` and `input.zero_point`.
/// Shapes: those of q. Backward: none. Evaluation: on the host, written atomically, as
/// numpy.savez writes (uncompressed, .npy version 1.0).
#pragma once

#include <exprnet/io/detail/file.hpp>
#include <exprnet/io/detail/npy.hpp>
#include <exprnet/io/detail/zip.hpp>
#include <exprnet/io/error.hpp>
#include <exprnet/quant/qparams.hpp>

#include <bit>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace exprnet::quant {

namespace detail {

template <class T>
constexpr std::string_view npy_type = std::is_same_v<T, std::int8_t> ? "|i1" : std::is_same_v<T, float> ? "<f4" : "<i4";

/// One array as a .npy entry (this host's byte order is little-endian, as the types say).
template <class T>
void add_array(std::vector<io::detail::zip_entry>& entries, const std::string& name, const T* values, std::size_t count,
               std::vector<std::size_t> shape) {
    static_assert(std::endian::native == std::endian::little, "exprnet: quant::save_npz writes little-endian arrays");
    std::vector<unsigned char> data(count * sizeof(T));
    if (count) std::memcpy(data.data(), values, data.size());
    std::vector<unsigned char> npy = io::detail::write_npy(npy_type<T>, shape, data);
    const std::uint64_t size = npy.size();
    entries.push_back({name + ".npy", std::move(npy), size, true});
}

template <class T>
void add_scalar(std::vector<io::detail::zip_entry>& entries, const std::string& name, T value) {
    add_array(entries, name, &value, 1, {});
}

inline void add_scale(std::vector<io::detail::zip_entry>& entries, const std::string& name, int8_scale s) {
    add_scalar(entries, name + ".scale", s.scale);
    add_scalar(entries, name + ".zero_point", s.zero_point);
}

template <class Layer>
void add_layer(std::vector<io::detail::zip_entry>& entries, const layer_params<Layer>& l) {
    const std::string w(Layer::weight::name.view());
    const std::size_t out = Layer::outputs;
    add_array(entries, w, l.weight.data(), l.weight.size(), {out, std::size_t(Layer::inputs)});
    add_array(entries, w + ".scale", l.weight_scale.data(), out, {out});
    std::string bias = w + ".bias";
    if constexpr (!std::is_void_v<typename Layer::bias>) bias = std::string(Layer::bias::name.view());
    add_array(entries, bias, l.bias.data(), out, {out});
    add_array(entries, w + ".offset_bias", l.offset_bias.data(), out, {out});
    add_array(entries, w + ".multiplier", l.multiplier.data(), out, {out});
    add_array(entries, w + ".shift", l.shift.data(), out, {out});
    add_scale(entries, w + ".output", l.output);
    add_scalar(entries, w + ".output_min", l.output_min);
    add_scalar(entries, w + ".output_max", l.output_max);
    if constexpr (Layer::has_table) {
        add_array(entries, w + ".table", l.table.data(), l.table.size(), {l.table.size()});
        add_scale(entries, w + ".table_output", l.table_output);
    }
}

}  // namespace detail

template <class E>
void save_npz(const std::filesystem::path& path, const qparams_for<E>& q) {
    io::detail::out_of_memory_is_an_error(path.string(), "saving", [&] {
        std::vector<io::detail::zip_entry> entries;
        detail::add_scale(entries, "input", q.input);
        [&]<std::size_t... Is>(std::index_sequence<Is...>) {
            (detail::add_layer(entries, q.template layer<int(Is)>()), ...);
        }(std::make_index_sequence<std::size_t(qparams_for<E>::layer_count)>{});
        io::detail::write_file_atomically(path, io::detail::write_zip(entries, path.string()));
    });
}

}  // namespace exprnet::quant
