/// @file
/// Defines `io::save_npz(path, p)` and `io::load_npz(path, p)`: a parameter arena as a NumPy
/// .npz file, one array per param named as in the expression (`W1.npy` inside the ZIP, key
/// "W1" for `numpy.load`). Arrays are C-order `<f4` (float arenas) or `<f8` (double), shape
/// (rows, cols) for a matrix and (rows,) for a column vector (a bias), so a PyTorch
/// `state_dict` of Linear layers (weight (out, in), bias (out,)) loads as it is. The file does
/// not depend on the arena's storage order.
/// Saving writes a temporary file and renames it over the target. Loading checks names,
/// dtypes, shapes, sizes and CRCs of the whole file into a copy of the arena first: on any
/// error it throws `io::error` and the arena is unchanged. Needs zlib (link ZLIB::ZLIB).
#pragma once

#include <exprnet/io/detail/file.hpp>
#include <exprnet/io/detail/npy.hpp>
#include <exprnet/io/detail/scalar_bytes.hpp>
#include <exprnet/io/detail/zip.hpp>
#include <exprnet/io/error.hpp>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace exprnet::io {

/// Writes every param of `p` to `path` as an uncompressed .npz (what `numpy.savez` writes),
/// atomically: the previous file at `path` stays whole until the new one replaces it.
template <class Arena>
void save_npz(const std::filesystem::path& path, const Arena& p) {
    using scalar = typename Arena::scalar;
    static_assert(detail::is_file_scalar<scalar>, "exprnet: io::save_npz: the arena must hold float or double");
    std::vector<detail::zip_entry> entries;
    p.for_each([&](auto symbol, auto m) {
        using P = decltype(symbol);
        std::vector<unsigned char> data;
        data.reserve(std::size_t(P::rows) * P::cols * sizeof(scalar));
        for (int r = 0; r < P::rows; ++r)
            for (int c = 0; c < P::cols; ++c) detail::append_scalar<scalar>(data, m(r, c));  // C order
        const std::vector<std::size_t> shape = detail::file_shape<P>();
        entries.push_back({std::string(P::name.view()) + ".npy", detail::write_npy(detail::npy_descr<scalar>, shape, data)});
    });
    detail::write_file_atomically(path, detail::write_zip(entries, path.string()));
}

/// Reads the .npz at `path` into `p`. The file must hold exactly the arena's params, each with
/// the arena's dtype and the param's shape (C or Fortran order, stored or deflate-compressed);
/// otherwise throws `io::error` naming the file, the array and what differs, and leaves `p`
/// as it was.
template <class Arena>
void load_npz(const std::filesystem::path& path, Arena& p) {
    using scalar = typename Arena::scalar;
    static_assert(detail::is_file_scalar<scalar>, "exprnet: io::load_npz: the arena must hold float or double");
    const std::string file = path.string();
    const std::vector<unsigned char> bytes = detail::read_whole_file(path);
    const std::vector<detail::zip_entry> entries = detail::read_zip(bytes, file);

    // Names first: every param present, nothing else.
    std::vector<std::string_view> names;
    for (const detail::zip_entry& e : entries) {
        const std::string_view n = e.name;
        if (n.size() <= 4 || n.substr(n.size() - 4) != ".npy")
            throw error(file + ": unexpected entry \"" + e.name + "\" (an .npz file holds <name>.npy arrays only)");
        names.push_back(n.substr(0, n.size() - 4));
    }
    std::string missing, expected;
    std::vector<bool> used(names.size(), false);
    p.for_each([&](auto symbol, auto) {
        using P = decltype(symbol);
        const std::vector<std::size_t> shape = detail::file_shape<P>();
        expected += std::string(expected.empty() ? "" : ", ") + std::string(P::name.view()) + " " + detail::shape_string(shape);
        bool found = false;
        for (std::size_t k = 0; k < names.size(); ++k)
            if (names[k] == P::name.view()) used[k] = found = true;
        if (!found) missing += std::string(missing.empty() ? "missing array" : ",") + " \"" + std::string(P::name.view()) + "\"";
    });
    std::string unexpected;
    for (std::size_t k = 0; k < names.size(); ++k)
        if (!used[k]) unexpected += std::string(unexpected.empty() ? "unexpected array" : ",") + " \"" + std::string(names[k]) + "\"";
    if (!missing.empty() || !unexpected.empty())
        throw error(file + ": " + missing + (missing.empty() || unexpected.empty() ? "" : "; ") + unexpected +
                    " (the network's params: " + expected + ")");

    // Then every array, into a copy: the arena is written only when all of them are valid.
    auto staged = std::make_unique<Arena>(p);
    staged->for_each([&](auto symbol, auto m) {
        using P = decltype(symbol);
        std::size_t k = 0;
        while (names[k] != P::name.view()) ++k;
        const std::string where = file + ": array \"" + std::string(P::name.view()) + "\"";
        const detail::npy_array a = detail::parse_npy(entries[k].data, where);
        constexpr std::string_view descr = detail::npy_descr<scalar>;
        if (a.descr != descr)
            throw error(where + ": dtype " + a.descr + " where " + std::string(descr) + " expected (the arena holds " +
                        (sizeof(scalar) == 4 ? "float: save float32 arrays, e.g. a.astype(numpy.float32)"
                                             : "double: save float64 arrays, e.g. a.astype(numpy.float64)") +
                        ")");
        const std::vector<std::size_t> shape = detail::file_shape<P>();
        if (a.shape != shape)
            throw error(where + ": shape " + detail::shape_string(shape) + " expected, file has " +
                        detail::shape_string(a.shape));
        const std::size_t count = std::size_t(P::rows) * P::cols;
        if (a.data.size() != count * sizeof(scalar))
            throw error(where + ": shape " + detail::shape_string(shape) + " needs " + std::to_string(count * sizeof(scalar)) +
                        " bytes of data, the array has " + std::to_string(a.data.size()));
        for (int r = 0; r < P::rows; ++r)
            for (int c = 0; c < P::cols; ++c)
                m(r, c) = detail::scalar_at<scalar>(
                    a.data, a.fortran_order ? std::size_t(c) * P::rows + std::size_t(r) : std::size_t(r) * P::cols + std::size_t(c));
    });
    p = *staged;
}

}  // namespace exprnet::io
