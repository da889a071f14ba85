// Saving and loading weights (docs/weights.md): a network's parameters as a NumPy .npz file,
// loaded back, a file that does not fit refused, and the weights as a C++ header.
#include <exprnet/exprnet.hpp>
#include <exprnet/io/npz.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>

using namespace exprnet;

constexpr auto x  = input<"x", 784>;
constexpr auto W1 = param<"W1", 100, 784>;
constexpr auto b1 = param<"b1", 100>;
constexpr auto W2 = param<"W2", 10, 100>;
constexpr auto b2 = param<"b2", 10>;
constexpr auto scores = W2 * relu(W1 * x + b1) + b2;

// The same names with another hidden size: its file must not load into the network above.
constexpr auto V1 = param<"W1", 64, 784>;
constexpr auto c1 = param<"b1", 64>;
constexpr auto V2 = param<"W2", 10, 64>;
constexpr auto smaller = V2 * relu(V1 * x + c1) + b2;

int main() {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "exprnet-weights-example";
    fs::create_directories(dir);
    fs::current_path(dir);  // relative names keep the messages below short

    using arena_t = params_for<decltype(scores)>;
    auto p = std::make_unique<arena_t>();
    nn::initialize(*p, nn::he_normal, 42);
    io::save_npz("weights.npz", *p);  // W1.npy (100, 784), b1.npy (100,), ...: numpy.savez's layout
    std::printf("saved %zu params, %zu bytes\n", arena_t::count, std::size_t(fs::file_size("weights.npz")));

    auto q = std::make_unique<arena_t>();
    io::load_npz("weights.npz", *q);
    std::printf("loaded back: %s\n", p->flat() == q->flat() ? "identical" : "DIFFERENT");

    auto s = std::make_unique<params_for<decltype(smaller)>>();
    io::save_npz("smaller.npz", *s);
    try {
        io::load_npz("smaller.npz", *q);  // W1 is 64x784 there
        std::printf("FAILED: a file with other shapes loaded\n");
        return 1;
    } catch (const io::error& e) {
        std::printf("refused: %s\n", e.what());
    }
    std::printf("after the failed load: %s\n", p->flat() == q->flat() ? "unchanged" : "CHANGED");

    io::write_cpp_header("weights.hpp", *p, "mnist_weights");  // for builds without a file system
    std::printf("weights.hpp: %zu bytes\n", std::size_t(fs::file_size("weights.hpp")));

    fs::current_path(fs::temp_directory_path());
    fs::remove_all(dir);
    return p->flat() == q->flat() ? 0 : 1;
}
