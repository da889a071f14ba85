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

#include <exprnet/io/detail/checked_arrays.hpp>
#include <exprnet/io/detail/file.hpp>
#include <exprnet/io/detail/npy.hpp>
#include <exprnet/io/detail/scalar_bytes.hpp>
#include <exprnet/io/detail/zip.hpp>
#include <exprnet/io/error.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace exprnet::io {

/// Writes every param of `p` to `path` as an uncompressed .npz (what `numpy.savez` writes),
/// atomically: the previous file at `path` stays whole until the new one replaces it.
template <class Arena>
void save_npz(const std::filesystem::path& path, const Arena& p) {
    using scalar = typename Arena::scalar;
    static_assert(detail::is_file_scalar<scalar>, "exprnet: io::save_npz: the arena must hold float or double");
    detail::out_of_memory_is_an_error(path.string(), "saving", [&] {
        std::vector<detail::zip_entry> entries;
        p.for_each([&](auto symbol, auto m) {
            using P = decltype(symbol);
            std::vector<unsigned char> data;
            data.reserve(std::size_t(P::rows) * P::cols * sizeof(scalar));
            for (int r = 0; r < P::rows; ++r)
                for (int c = 0; c < P::cols; ++c) detail::append_scalar<scalar>(data, m(r, c));  // C order
            const std::vector<std::size_t> shape = detail::file_shape<P>();
            std::vector<unsigned char> npy = detail::write_npy(detail::npy_descr<scalar>, shape, data);
            const std::uint64_t size = npy.size();
            entries.push_back({std::string(P::name.view()) + ".npy", std::move(npy), size, true});
        });
        detail::write_file_atomically(path, detail::write_zip(entries, path.string()));
    });
}

/// Whether load_npz accepts NaN and infinite values (by default it refuses them, naming the
/// array and the element: a weight file with one is almost always the end of a diverged run).
enum class non_finite { refuse, allow };

/// Reads the .npz at `path` into `p`. The file must hold exactly the arena's params, each with
/// the arena's dtype and the param's shape (C or Fortran order, stored or deflate-compressed),
/// and finite values unless `values` is non_finite::allow; otherwise throws `io::error` naming
/// the file, the array and what differs, and leaves `p` as it was. Time and memory are
/// O(file size + arena size), whatever sizes the file claims; running out of memory is an
/// io::error too.
template <class Arena>
void load_npz(const std::filesystem::path& path, Arena& p, non_finite values = non_finite::refuse) {
    using scalar = typename Arena::scalar;
    static_assert(detail::is_file_scalar<scalar>, "exprnet: io::load_npz: the arena must hold float or double");
    const std::string file = path.string();
    detail::out_of_memory_is_an_error(file, "loading", [&] {
        std::vector<detail::param_info> params;
        p.for_each([&](auto symbol, auto) {
            params.push_back({decltype(symbol)::name.view(), detail::file_shape<decltype(symbol)>()});
        });
        const std::vector<unsigned char> bytes = detail::read_whole_file(path);
        const std::vector<detail::zip_entry> entries = detail::read_zip(
            bytes, file, [&](std::string_view entry) { return detail::entry_budget(params, sizeof(scalar), entry); });
        const std::vector<detail::npy_array> arrays =
            detail::checked_arrays(entries, params, file, detail::npy_descr<scalar>, sizeof(scalar));

        // Everything is valid: copy into a copy of the arena, then the copy over the arena.
        auto staged = std::make_unique<Arena>(p);
        std::size_t k = 0;
        staged->for_each([&](auto symbol, auto m) {
            using P = decltype(symbol);
            const detail::npy_array& a = arrays[k++];
            for (int r = 0; r < P::rows; ++r)
                for (int c = 0; c < P::cols; ++c) {
                    const scalar v = detail::scalar_at<scalar>(a.data, a.fortran_order ? std::size_t(c) * P::rows + std::size_t(r)
                                                                                       : std::size_t(r) * P::cols + std::size_t(c));
                    if (!std::isfinite(v) && values == non_finite::refuse)
                        throw error(file + ": array \"" + std::string(P::name.view()) + "\" holds " + detail::non_finite_name(v) +
                                    " at row " + std::to_string(r) + ", column " + std::to_string(c) +
                                    "; a weight that is not finite makes every output it reaches NaN. Load with "
                                    "io::non_finite::allow to accept it");
                    m(r, c) = v;
                }
        });
        p = *staged;
    });
}

}  // namespace exprnet::io
