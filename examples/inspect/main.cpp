// Prints what exprnet generated for CS231n's networks: each program's steps (inspect/print.hpp),
// the two-layer net's graphs as Graphviz DOT and its gradients as LaTeX (inspect/dot.hpp,
// inspect/latex.hpp), and its training step as standalone C (inspect/emit_c.hpp).
//
//   example.inspect                  print every listing
//   example.inspect --check DIR      exit 1 if any listing differs from DIR/<name>
//   example.inspect --write DIR      (re)write DIR/<name> (docs/listings/, which the docs show)
#include "listings.hpp"

#include <exprnet/io/detail/file.hpp>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace {

std::vector<listing> all_listings() {
    std::vector<listing> all;
    for (auto part : {two_layer_listings, three_layer_listings, maxout_listings, branch_listings})
        for (listing& l : part()) all.push_back(std::move(l));
    return all;
}

std::string read_text(const std::filesystem::path& path) {
    if (!std::filesystem::exists(path)) return {};
    const std::vector<unsigned char> bytes = exprnet::io::detail::read_whole_file(path);
    return std::string(bytes.begin(), bytes.end());
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<listing> all = all_listings();
    if (argc == 3 && (std::strcmp(argv[1], "--check") == 0 || std::strcmp(argv[1], "--write") == 0)) {
        const std::filesystem::path dir = argv[2];
        const bool write = argv[1][2] == 'w';
        int stale = 0;
        for (const listing& l : all) {
            const std::filesystem::path file = dir / l.name;
            if (read_text(file) == l.text) continue;
            if (write) {
                exprnet::io::detail::write_file_atomically(
                    file, std::span(reinterpret_cast<const unsigned char*>(l.text.data()), l.text.size()));
                std::printf("wrote %s\n", file.string().c_str());
            } else {
                std::printf("%s: differs from what the program prints; run `example.inspect --write %s`\n",
                            file.string().c_str(), dir.string().c_str());
                ++stale;
            }
        }
        return stale == 0 ? 0 : 1;
    }
    for (const listing& l : all) std::printf("==== %s\n%s\n", l.name.c_str(), l.text.c_str());
    return 0;
}
