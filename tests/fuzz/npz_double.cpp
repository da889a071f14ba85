// libFuzzer: io::load_npz into a double arena (tests/fuzz/npz.hpp).
#include "npz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fuzz::load_npz_once<double>(data, size);
}
