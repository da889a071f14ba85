// libFuzzer: the IDX reader on the input as a plain file (tests/fuzz/idx.hpp).
#include "idx.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& file = fuzz::input_file(".idx");
    fuzz::write(file, data, size);
    fuzz::read_idx_once(file);
    return 0;
}
