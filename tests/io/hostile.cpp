// io/ loaders against files made to hurt them: sizes that wrap, sizes that claim gigabytes,
// headers that claim more than the file holds, non-finite weights, and running out of memory.
// Each must end in io::error, quickly (a regression hangs or takes seconds: CTest's timeout),
// leaving the arena as it was and allocating nothing near what the file claims (the largest
// single request to operator new is recorded by support/alloc_counter.hpp).
#include "support/alloc_counter.hpp"  // first: it must come before Eigen

#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/io/idx.hpp>
#include <exprnet/io/npz.hpp>

#include "support/io_files.hpp"

#include <zlib.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

using namespace exprnet;

namespace {
constexpr auto x = input<"x", 3>;
constexpr auto W1 = param<"W1", 4, 3>;
constexpr auto b1 = param<"b1", 4>;
constexpr auto net = W1 * x + b1;
constexpr auto big_net = param<"W", 512, 1024> * input<"x", 1024>;  // 2 MiB of weights
using arena_t = params_for<decltype(net)>;
using w1_arena = params_for<decltype(W1 * x)>;  // for the archives of one entry, W1.npy
constexpr std::size_t one_mib = std::size_t(1) << 20;

void le(std::vector<unsigned char>& b, std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) b.push_back(static_cast<unsigned char>(v >> (8 * i)));
}

struct fixture {
    io_files::temp_dir dir{"io-hostile"};

    /// Loads `bytes` into a sentinel arena; returns the message, checking the arena is untouched
    /// and recording the largest allocation made while loading.
    template <class Arena = arena_t>
    std::string load_error(const std::vector<unsigned char>& bytes, io::non_finite values = io::non_finite::refuse) {
        io_files::write_bytes(dir / "bad.npz", bytes);
        Arena p;
        p.flat().setConstant(-7);
        std::string message = "(no error)";
        alloc_counter::largest_request = 0;
        try {
            io::load_npz(dir / "bad.npz", p, values);
        } catch (const io::error& e) {
            message = e.what();
        }
        BOOST_TEST((p.flat().array() == -7).all(), "the arena changed after a failed load: " << message);
        BOOST_TEST_MESSAGE(message);
        return message;
    }
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// One local header, central directory entry and end record: an archive of one entry whose
/// sizes, method and data the caller chooses (what a hostile writer controls).
std::vector<unsigned char> one_entry_zip(const std::string& name, unsigned method, std::uint32_t crc, std::uint32_t packed,
                                         std::uint32_t unpacked, const std::vector<unsigned char>& data) {
    std::vector<unsigned char> b;
    const auto fields = [&] {
        le(b, 20, 2), le(b, 0, 2), le(b, method, 2), le(b, 0, 2), le(b, 0x21, 2);
        le(b, crc, 4), le(b, packed, 4), le(b, unpacked, 4), le(b, name.size(), 2), le(b, 0, 2);
    };
    le(b, 0x04034b50, 4);
    fields();
    b.insert(b.end(), name.begin(), name.end());
    b.insert(b.end(), data.begin(), data.end());
    const std::size_t central = b.size();
    le(b, 0x02014b50, 4), le(b, 0x0314, 2);
    fields();
    le(b, 0, 2), le(b, 0, 2), le(b, 0, 2), le(b, 0, 4), le(b, 0, 4);
    b.insert(b.end(), name.begin(), name.end());
    const std::size_t central_size = b.size() - central;
    le(b, 0x06054b50, 4), le(b, 0, 2), le(b, 0, 2), le(b, 1, 2), le(b, 1, 2);
    le(b, central_size, 4), le(b, central, 4), le(b, 0, 2);
    return b;
}

std::uint32_t crc(const std::vector<unsigned char>& data) {
    return std::uint32_t(::crc32(::crc32(0, nullptr, 0), data.data(), ::uInt(data.size())));
}

/// A .npy file (version 1.0) of the given header text and data.
std::vector<unsigned char> npy(const std::string& header, const std::vector<unsigned char>& data) {
    std::vector<unsigned char> b = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    le(b, header.size(), 2);
    b.insert(b.end(), header.begin(), header.end());
    b.insert(b.end(), data.begin(), data.end());
    return b;
}
}  // namespace

BOOST_FIXTURE_TEST_SUITE(npz, fixture)

// Issue 15's first reproducer, byte for byte: a local header whose ZIP64 size is 2^64 - 56, so
// that data_at + length wrapped to 0 and the walk for an explanation never ended.
BOOST_AUTO_TEST_CASE(a_64_byte_file_whose_zip64_size_wraps_is_refused) {
    const std::string name = "b1.npy";
    const std::uint64_t wrap = ~std::uint64_t(0) - (30 + name.size() + 20) + 1;
    std::vector<unsigned char> b;
    le(b, 0x04034b50, 4), le(b, 45, 2), le(b, 0, 2), le(b, 0, 2), le(b, 0, 2), le(b, 0x21, 2);
    le(b, 0, 4), le(b, 0xffffffff, 4), le(b, 0xffffffff, 4), le(b, name.size(), 2), le(b, 20, 2);
    b.insert(b.end(), name.begin(), name.end());
    le(b, 1, 2), le(b, 16, 2), le(b, 0, 8), le(b, wrap, 8);
    b.resize(b.size() + 8);
    BOOST_TEST(b.size() == 64u);
    const std::string message = load_error(b);
    BOOST_TEST(contains(message, "local header of \"b1.npy\" at byte 0 claims " + std::to_string(wrap) + " bytes"), message);
    BOOST_TEST(alloc_counter::largest_request < one_mib);
}

// The second: a deflate entry that claims 4 GiB - 16 uncompressed. It was allocated before
// inflating; now an entry is unpacked only up to what its param needs.
BOOST_AUTO_TEST_CASE(an_entry_claiming_4_gib_allocates_nothing_of_it) {
    const std::vector<unsigned char> empty_final_block = {0x03, 0x00};  // deflate of nothing
    const std::vector<unsigned char> b = one_entry_zip("W1.npy", 8, 0, 2, 0xfffffff0u, empty_final_block);
    BOOST_TEST(b.size() == 112u);
    const std::string message = load_error<w1_arena>(b);
    BOOST_TEST(contains(message, "entry \"W1.npy\": deflate data inflate to 0 bytes, not 4294967280"), message);
    BOOST_TEST(alloc_counter::largest_request < one_mib, "largest allocation " << alloc_counter::largest_request);
}

// A stored entry of a param with a valid header but gigabytes more data than its shape: the
// shape message names the claimed size, and nothing of that size is allocated.
BOOST_AUTO_TEST_CASE(a_stored_entry_larger_than_its_param_names_the_sizes) {
    const std::vector<unsigned char> a = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4, 3), }\n",
                                             std::vector<unsigned char>(48 + 100000, 0));  // more than the 64 KiB header cap + 48: read in part
    // The directory claims the entry is as large as the file (stored entries must be whole).
    const std::vector<unsigned char> b = one_entry_zip("W1.npy", 0, crc(a), std::uint32_t(a.size()), std::uint32_t(a.size()), a);
    const std::string message = load_error<w1_arena>(b);
    BOOST_TEST(contains(message, "array \"W1\": shape (4, 3) needs 48 bytes of data, the array has 100048"), message);
}

BOOST_AUTO_TEST_CASE(a_npy_header_longer_than_64_kib_is_refused) {
    std::vector<unsigned char> a = {0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0};
    le(a, 0xfffffff0u, 4);  // a version 2.0 header length: 4 GiB
    a.resize(a.size() + 64, ' ');
    const std::vector<unsigned char> b = one_entry_zip("W1.npy", 0, crc(a), std::uint32_t(a.size()), std::uint32_t(a.size()), a);
    const std::string message = load_error<w1_arena>(b);
    BOOST_TEST(contains(message, "the .npy header claims 4294967280 bytes; exprnet reads headers of up to 65535"), message);
}

BOOST_AUTO_TEST_CASE(non_finite_weights_are_refused_unless_allowed) {
    arena_t good;
    good.flat().setLinSpaced(-1, 1);
    good[W1](2, 1) = std::numeric_limits<float>::quiet_NaN();
    io::save_npz(dir / "nan.npz", good);
    const std::vector<unsigned char> nan_file = io_files::read_bytes(dir / "nan.npz");
    const std::string message = load_error(nan_file);
    BOOST_TEST(contains(message, "array \"W1\" holds NaN at row 2, column 1"), message);
    BOOST_TEST(contains(message, "io::non_finite::allow"), message);

    good[W1](2, 1) = 0;
    good[b1](3, 0) = -std::numeric_limits<float>::infinity();
    io::save_npz(dir / "inf.npz", good);
    BOOST_TEST(contains(load_error(io_files::read_bytes(dir / "inf.npz")), "array \"b1\" holds -inf at row 3, column 0"));

    arena_t p;
    io::load_npz(dir / "inf.npz", p, io::non_finite::allow);
    BOOST_TEST(std::isinf(p[b1](3, 0)));
    BOOST_TEST((p.flat().head(12).array() == good.flat().head(12).array()).all());
}

// A 2 MiB arena loaded while every allocation over 1 MiB fails: the reader's std::bad_alloc
// becomes an io::error that names the file (the message itself is a small allocation).
BOOST_AUTO_TEST_CASE(running_out_of_memory_is_an_io_error) {
    using big_arena = params_for<decltype(big_net)>;
    auto good = std::make_unique<big_arena>();
    good->flat().setConstant(0.5f);
    io::save_npz(dir / "big.npz", *good);
    auto p = std::make_unique<big_arena>();
    p->flat().setConstant(-7);
    std::string message = "(no error)";
    alloc_counter::refuse_above = one_mib;
    try {
        io::load_npz(dir / "big.npz", *p);
    } catch (const io::error& e) {
        message = e.what();
    }
    alloc_counter::refuse_above = std::size_t(-1);
    BOOST_TEST(contains(message, "big.npz: out of memory while loading it"), message);
    BOOST_TEST((p->flat().array() == -7).all());
    io::load_npz(dir / "big.npz", *p);  // and with memory, it loads
    BOOST_TEST((p->flat().array() == 0.5f).all());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(idx, fixture)

// A 16-byte IDX header that declares 2^32 - 1 images of 1x1 pixels and no data: the reader used
// to reserve 16 MiB for it; now the buffer grows with the data that arrives.
BOOST_AUTO_TEST_CASE(a_header_declaring_4_billion_images_allocates_little) {
    std::vector<unsigned char> b = {0, 0, 8, 3, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 1, 0, 0, 0, 1};
    io_files::write_bytes(dir / "images.idx", b);
    alloc_counter::largest_request = 0;
    std::string message = "(no error)";
    try {
        (void)io::read_idx_images(dir / "images.idx");
    } catch (const io::error& e) {
        message = e.what();
    }
    BOOST_TEST(contains(message, "is truncated: expected 4294967295 bytes of data after the header, got 0"), message);
    BOOST_TEST(alloc_counter::largest_request <= (std::size_t(1) << 17), "largest allocation " << alloc_counter::largest_request);
}

BOOST_AUTO_TEST_SUITE_END()
