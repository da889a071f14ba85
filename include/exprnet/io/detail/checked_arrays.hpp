/// @file
/// The checks of `io::load_npz` that do not depend on the arena's type (kept out of the
/// template, so that each arena type instantiates only the copy loop): every param has exactly
/// one array and no array is left over; each array's .npy header, dtype, shape and data size.
#pragma once

#include <exprnet/io/detail/npy.hpp>
#include <exprnet/io/detail/zip.hpp>
#include <exprnet/io/error.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace exprnet::io::detail {

struct param_info {
    std::string_view name;
    std::vector<std::size_t> shape;  ///< in the file: (rows,) or (rows, cols)
};

/// How many bytes of an .npz entry load_npz reads: a param's .npy file at most (the header cap
/// plus its data); nothing of an entry that is no param's (its name is enough to refuse it).
inline std::uint64_t entry_budget(const std::vector<param_info>& params, std::size_t item_size, std::string_view entry) {
    for (const param_info& p : params)
        if (entry.size() == p.name.size() + 4 && entry.starts_with(p.name) && entry.ends_with(".npy")) {
            std::uint64_t count = item_size;
            for (std::size_t d : p.shape) count *= d;
            return npy_prefix_cap + count;
        }
    return 0;
}

/// The array of each param, in the order of `params`, validated; throws io::error otherwise.
inline std::vector<npy_array> checked_arrays(const std::vector<zip_entry>& entries, const std::vector<param_info>& params,
                                             const std::string& file, std::string_view descr, std::size_t item_size) {
    // Names first: every param present, nothing else.
    std::vector<std::string_view> names;
    for (const zip_entry& e : entries) {
        const std::string_view n = e.name;
        if (n.size() <= 4 || n.substr(n.size() - 4) != ".npy")
            throw error(file + ": unexpected entry \"" + e.name + "\" (an .npz file holds <name>.npy arrays only)");
        names.push_back(n.substr(0, n.size() - 4));
    }
    std::vector<std::size_t> index(params.size(), names.size());
    std::vector<bool> used(names.size(), false);
    std::string missing, unexpected, expected;
    for (std::size_t p = 0; p < params.size(); ++p) {
        expected += (p ? ", " : "") + std::string(params[p].name) + " " + shape_string(params[p].shape);
        for (std::size_t k = 0; k < names.size(); ++k)
            if (names[k] == params[p].name) used[k] = true, index[p] = k;
        if (index[p] == names.size())
            missing += std::string(missing.empty() ? "missing array" : ",") + " \"" + std::string(params[p].name) + "\"";
    }
    for (std::size_t k = 0; k < names.size(); ++k)
        if (!used[k]) unexpected += std::string(unexpected.empty() ? "unexpected array" : ",") + " \"" + std::string(names[k]) + "\"";
    if (!missing.empty() || !unexpected.empty())
        throw error(file + ": " + missing + (missing.empty() || unexpected.empty() ? "" : "; ") + unexpected +
                    " (the network's params: " + expected + ")");

    // Then every array.
    std::vector<npy_array> arrays;
    for (std::size_t p = 0; p < params.size(); ++p) {
        const std::string where = file + ": array \"" + std::string(params[p].name) + "\"";
        const zip_entry& entry = entries[index[p]];
        npy_array a = parse_npy(entry.data, where);
        if (a.descr != descr)
            throw error(where + ": dtype " + a.descr + " where " + std::string(descr) + " expected (the arena holds " +
                        (item_size == 4 ? "float: save float32 arrays, e.g. a.astype(numpy.float32)"
                                        : "double: save float64 arrays, e.g. a.astype(numpy.float64)") +
                        ")");
        if (a.shape != params[p].shape)
            throw error(where + ": shape " + shape_string(params[p].shape) + " expected, file has " + shape_string(a.shape));
        std::size_t count = item_size;
        for (std::size_t d : a.shape) count *= d;
        // An entry larger than its budget (entry_budget) was read only in part: its size is the claimed one.
        const std::uint64_t data_size = entry.size - (entry.data.size() - a.data.size());
        if (!entry.whole || data_size != count)
            throw error(where + ": shape " + shape_string(a.shape) + " needs " + std::to_string(count) +
                        " bytes of data, the array has " + std::to_string(data_size));
        arrays.push_back(a);
    }
    return arrays;
}

}  // namespace exprnet::io::detail
