/// @file
/// Test support: reads back the DOT text of inspect/dot.hpp (nodes `n<k> [attributes];` and
/// edges `n<a> -> n<b>`, one per line, as it writes them) and checks a drawing with Graphviz
/// (`dot -Tsvg`, which must accept it without a warning) when CMake found the `dot` program.
#pragma once

#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#ifndef EXPRNET_DOT_EXECUTABLE
#define EXPRNET_DOT_EXECUTABLE ""
#endif
#ifndef EXPRNET_REQUIRE_TOOLS  // 1 when CMake's EXPRNET_REQUIRE_TOOLS is ON (scripts/test.sh, CI)
#define EXPRNET_REQUIRE_TOOLS 0
#endif

namespace dot_checks {

struct graph {
    std::map<int, std::string> nodes;  ///< n<k> -> its attribute list
    std::vector<std::pair<int, int>> edges;
    std::string legend;                ///< the legend's attributes, if any

    /// The label of node k, with DOT's \n escapes turned into line breaks.
    std::string label(int k) const {
        const std::string& a = nodes.at(k);
        const auto from = a.find("label=\"") + 7;
        std::string out;
        for (std::size_t i = from; i < a.size() && a[i] != '"'; ++i) {
            if (a[i] == '\\' && i + 1 < a.size()) {
                ++i;
                out += a[i] == 'n' ? '\n' : a[i];
            } else {
                out += a[i];
            }
        }
        return out;
    }
    bool has(int k, const std::string& attribute) const { return nodes.at(k).find(attribute) != std::string::npos; }
    /// The nodes whose label contains `text`.
    std::vector<int> labelled(const std::string& text) const {
        std::vector<int> found;
        for (const auto& [k, a] : nodes)
            if (label(k).find(text) != std::string::npos) found.push_back(k);
        return found;
    }
    int parents_of(int k) const {
        int n = 0;
        for (const auto& e : edges) n += e.first == k;
        return n;
    }
};

inline graph parse(const std::string& text) {
    graph g;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        int a = 0, b = 0, used = 0;
        if (std::sscanf(line.c_str(), "  n%d -> n%d%n", &a, &b, &used) == 2) {
            g.edges.emplace_back(a, b);
        } else if (std::sscanf(line.c_str(), "  n%d [%n", &a, &used) == 1 && used > 0) {
            BOOST_TEST(!g.nodes.count(a), "node n" << a << " declared twice");
            g.nodes[a] = line.substr(std::size_t(used));
        } else if (line.rfind("  legend [", 0) == 0) {
            g.legend = line;
        }
    }
    return g;
}

inline bool have_graphviz() { return !std::string(EXPRNET_DOT_EXECUTABLE).empty(); }

/// Whether the Graphviz checks can run. Without dot: a test failure when the build requires the
/// tools (EXPRNET_REQUIRE_TOOLS), else a message saying the checks were skipped.
inline bool graphviz_or_skip() {
    if (have_graphviz()) return true;
    if (EXPRNET_REQUIRE_TOOLS)
        BOOST_ERROR("Graphviz `dot` was not found when CMake configured the tests, and EXPRNET_REQUIRE_TOOLS is ON");
    else
        BOOST_TEST_MESSAGE("skipped: Graphviz `dot` was not found when CMake configured the tests (install graphviz)");
    return false;
}

struct graphviz_verdict {
    int status = -1;
    std::string errors;  ///< what dot printed on stderr
    bool wrote_svg = false;
};

/// Runs `dot -Tsvg` on the text (have_graphviz() must be true).
inline graphviz_verdict run_graphviz(const std::string& text, const std::string& name) {
    const std::string stem =
        (std::filesystem::temp_directory_path() / ("exprnet-" + name + "-" + std::to_string(::getpid()))).string();
    {
        std::ofstream out(stem + ".dot", std::ios::binary);
        out << text;
    }
    const std::string command = "'" + std::string(EXPRNET_DOT_EXECUTABLE) + "' -Tsvg '" + stem + ".dot' -o '" + stem +
                                ".svg' 2> '" + stem + ".err'";
    graphviz_verdict v;
    v.status = std::system(command.c_str());
    {
        std::ifstream err(stem + ".err");
        v.errors.assign(std::istreambuf_iterator<char>(err), std::istreambuf_iterator<char>());
    }
    std::error_code ec;
    const auto svg_size = std::filesystem::file_size(stem + ".svg", ec);
    v.wrote_svg = !ec && svg_size > 0;
    for (const char* ext : {".dot", ".svg", ".err"}) std::filesystem::remove(stem + ext, ec);
    return v;
}

/// Graphviz must accept the text without a warning (without dot: graphviz_or_skip).
inline void check_with_graphviz(const std::string& text, const std::string& name) {
    if (!graphviz_or_skip()) return;
    const graphviz_verdict v = run_graphviz(text, name);
    BOOST_TEST(v.status == 0, name << ": dot failed: " << v.errors);
    BOOST_TEST(v.errors.empty(), name << ": dot warned: " << v.errors);
    BOOST_TEST(v.wrote_svg, name << ": dot wrote no SVG");
}

}  // namespace dot_checks
