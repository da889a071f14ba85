// test.io.numpy (tests/io/numpy_roundtrip.cmake):
//   numpy_roundtrip save DIR   writes the fixture (fixture_net.hpp) as DIR/exprnet_float.npz and
//                              DIR/exprnet_double.npz, for numpy_roundtrip.py to check
//   numpy_roundtrip check DIR  loads DIR/torch_like.npz and DIR/torch_like_compressed.npz,
//                              written by numpy_roundtrip.py, and checks their values against
//                              the formula the script documents
#include <exprnet/io/npz.hpp>

#include "fixture_net.hpp"

#include <cstdio>
#include <filesystem>
#include <string>

using namespace exprnet;

namespace {
template <class Scalar>
void save(const std::filesystem::path& file) {
    params_for<decltype(fixture::net), Scalar> p;
    p.for_each([&](auto symbol, auto m) {
        const int k = fixture::index_of(symbol.name.view());
        for (int r = 0; r < decltype(symbol)::rows; ++r)
            for (int c = 0; c < decltype(symbol)::cols; ++c) m(r, c) = fixture::value<Scalar>(k, r, c);
    });
    io::save_npz(file, p);
}

// The script's values: param k (in the fixture's order) holds (i - 3.5 * k) / 8 at flat C-order
// index i, exactly representable in float32.
int check(const std::filesystem::path& file) {
    params_for<decltype(fixture::net)> p;
    io::load_npz(file, p);
    int failures = 0;
    p.for_each([&](auto symbol, auto m) {
        const int k = fixture::index_of(symbol.name.view());
        using P = decltype(symbol);
        for (int r = 0; r < P::rows; ++r)
            for (int c = 0; c < P::cols; ++c) {
                const float expected = float((r * P::cols + c - 3.5 * k) / 8);
                if (m(r, c) != expected) {
                    std::printf("FAILED: %s: %.*s(%d, %d) is %g, expected %g\n", file.c_str(), int(P::name.view().size()),
                                P::name.view().data(), r, c, double(m(r, c)), double(expected));
                    ++failures;
                }
            }
    });
    if (failures == 0) std::printf("%s: every value as NumPy wrote it\n", file.c_str());
    return failures;
}
}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s save|check DIR\n", argv[0]);
        return 2;
    }
    const std::string mode = argv[1];
    const std::filesystem::path dir = argv[2];
    try {
        if (mode == "save") {
            save<float>(dir / "exprnet_float.npz");
            save<double>(dir / "exprnet_double.npz");
            return 0;
        }
        if (mode == "check") return check(dir / "torch_like.npz") + check(dir / "torch_like_compressed.npz") == 0 ? 0 : 1;
    } catch (const io::error& e) {
        std::printf("FAILED: %s\n", e.what());
        return 1;
    }
    std::fprintf(stderr, "unknown mode %s\n", argv[1]);
    return 2;
}
