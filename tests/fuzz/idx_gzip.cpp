// libFuzzer: the IDX reader behind gzip. The input is the uncompressed content, compressed here
// into a .gz file, so that the mutations reach the IDX parser through zlib's stream (mutating the
// compressed bytes directly mostly tests zlib's checks). Inputs that start with the gzip magic
// are written as they are, to fuzz the compressed stream too.
#include "idx.hpp"

#include <zlib.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& file = fuzz::input_file(".idx.gz");
    if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) {
        fuzz::write(file, data, size);
    } else {
        gzFile gz = gzopen(file.c_str(), "wb1");
        if (!gz || (size && gzwrite(gz, data, unsigned(size)) != int(size)) || gzclose(gz) != Z_OK) {
            std::perror("fuzz harness: cannot write its gzip input file");
            std::abort();
        }
    }
    fuzz::read_idx_once(file);
    return 0;
}
