// Test support: reads a printed program (inspect/print.hpp) back as statements.
#pragma once

#include <algorithm>
#include <cstddef>
#include <sstream>
#include <string>
#include <vector>

namespace listing_test {

struct statement {
    std::string lhs, rhs;
};

/// The statements `  lhs = rhs;` of a listing, in order (comment lines and headers skipped).
inline std::vector<statement> statements(const std::string& listing) {
    std::vector<statement> out;
    std::istringstream in(listing);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("  ", 0) != 0 || line.rfind("      //", 0) == 0) continue;
        const std::size_t eq = line.find(" = ");
        if (eq == std::string::npos || line.back() != ';') continue;
        out.push_back({line.substr(2, eq - 2), line.substr(eq + 3, line.size() - eq - 4)});
    }
    return out;
}

/// The comment lines of a listing that annotate gates (`//   name: rule`).
inline std::vector<std::string> gate_notes(const std::string& listing) {
    std::vector<std::string> out;
    std::istringstream in(listing);
    for (std::string line; std::getline(in, line);)
        if (line.rfind("      //   ", 0) == 0) out.push_back(line.substr(11));
    return out;
}

inline bool contains(const std::vector<std::string>& lines, const std::string& text) {
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(text) != std::string::npos; });
}

}  // namespace listing_test
