// Writes the header compiled into test.io.cpp_header.compiled (tests/io/CMakeLists.txt):
// the fixture's values, from a float arena, in namespace fixture_weights, at the path given.
#include <exprnet/io/cpp_header.hpp>

#include "fixture_net.hpp"

#include <cstdio>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <header to write>\n", argv[0]);
        return 2;
    }
    exprnet::params_for<decltype(fixture::net)> p;
    p.for_each([&](auto symbol, auto m) {
        const int k = fixture::index_of(symbol.name.view());
        for (int r = 0; r < decltype(symbol)::rows; ++r)
            for (int c = 0; c < decltype(symbol)::cols; ++c) m(r, c) = fixture::value<float>(k, r, c);
    });
    try {
        exprnet::io::write_cpp_header(argv[1], p, "fixture_weights");
    } catch (const exprnet::io::error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    return 0;
}
