// io/npz.hpp refuses bad files: each case below edits the bytes of a good file (or writes one
// for another network), loads it into an arena filled with a sentinel, and checks the message
// (file, array, expected against found, with offsets found by the test's own ZIP parser) and
// that the arena still holds the sentinel.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/io/npz.hpp>

#include "support/io_files.hpp"
#include "support/numpy_npz_files.hpp"
#include "support/zip_edit.hpp"

#include <string>
#include <utility>
#include <vector>

using namespace exprnet;

namespace {
constexpr auto x = input<"x", 3>;
constexpr auto W1 = param<"W1", 4, 3>;
constexpr auto b1 = param<"b1", 4>;
constexpr auto W2 = param<"W2", 2, 4>;
constexpr auto W9 = param<"W9", 2, 2>;
constexpr auto net = W2 * relu(W1 * x + b1);
constexpr auto bigger = W9 * (W2 * relu(W1 * x + b1));  // one param more: W9
constexpr auto smaller = W2 * relu(W1 * x);              // one param fewer: b1
using arena_t = params_for<decltype(net)>;

struct fixture {
    io_files::temp_dir dir{"npz-errors"};
    std::vector<unsigned char> good;

    fixture() {
        arena_t p;
        p.flat().setLinSpaced(-1, 1);
        io::save_npz(dir / "good.npz", p);
        good = io_files::read_bytes(dir / "good.npz");
    }

    /// Loads `bytes` as bad.npz; returns the message, after checking the arena is untouched.
    template <class Arena = arena_t>
    std::string load_error(const std::vector<unsigned char>& bytes) {
        io_files::write_bytes(dir / "bad.npz", bytes);
        return load_error_of<Arena>(dir / "bad.npz");
    }
    template <class Arena = arena_t>
    std::string load_error_of(const std::filesystem::path& file) {
        Arena p;
        p.flat().setConstant(-7);
        std::string message = "(no error)";
        try {
            io::load_npz(file, p);
        } catch (const io::error& e) {
            message = e.what();
        }
        BOOST_TEST((p.flat().array() == -7).all(), "the arena changed after a failed load: " << message);
        BOOST_TEST_MESSAGE(message);
        return message;
    }
};

bool has(const std::string& message, const std::string& part) { return message.find(part) != std::string::npos; }
// A macro, for the caller's line in a failure; the message is evaluated once.
#define CHECK_HAS(message, part)                                                          \
    do {                                                                                  \
        const std::string message_ = (message), part_ = (part);                          \
        BOOST_TEST(has(message_, part_), "\"" << message_ << "\" lacks \"" << part_ << "\""); \
    } while (false)
}  // namespace

BOOST_FIXTURE_TEST_SUITE(bad_files, fixture)

BOOST_AUTO_TEST_CASE(the_good_file_loads) {
    arena_t p;
    io::load_npz(dir / "good.npz", p);
    BOOST_TEST(p.flat()(0) == -1.0f);
}

BOOST_AUTO_TEST_CASE(truncated_inside_an_entry) {
    const zip_edit::entry last = zip_edit::entries(good).back();
    std::vector<unsigned char> bad(good.begin(), good.begin() + long(last.data + 10));
    const std::string m = load_error(bad);
    CHECK_HAS(m, (dir / "bad.npz").string() + ": truncated: local header of \"" + last.name + "\" at byte " +
                     std::to_string(last.local) + " claims " + std::to_string(last.size) + " bytes, file ends at " +
                     std::to_string(last.data + 10));
}

BOOST_AUTO_TEST_CASE(truncated_inside_the_central_directory) {
    std::vector<unsigned char> bad(good.begin(), good.end() - 30);
    const std::string m = load_error(bad);
    CHECK_HAS(m, "truncated");
    CHECK_HAS(m, "no end-of-central-directory record (the file has " + std::to_string(bad.size()) + " bytes");
}

BOOST_AUTO_TEST_CASE(a_flipped_data_byte_fails_the_crc) {
    std::vector<unsigned char> bad = good;
    const zip_edit::entry e = zip_edit::find(good, "W2.npy");
    bad[e.data + e.size - 3] ^= 0x40;
    CHECK_HAS(load_error(bad), "CRC mismatch in \"W2.npy\"");
}

BOOST_AUTO_TEST_CASE(a_flipped_crc_byte_fails_the_crc) {
    std::vector<unsigned char> bad = good;
    bad[zip_edit::find(good, "b1.npy").central + 16] ^= 0x01;
    CHECK_HAS(load_error(bad), "CRC mismatch in \"b1.npy\"");
}

BOOST_AUTO_TEST_CASE(a_transposed_shape) {
    std::vector<unsigned char> bad = good;
    BOOST_REQUIRE(zip_edit::replace(bad, "'shape': (4, 3)", "'shape': (3, 4)"));
    zip_edit::fix_crcs(bad);
    CHECK_HAS(load_error(bad), (dir / "bad.npz").string() + ": array \"W1\": shape (4, 3) expected, file has (3, 4)");
}

BOOST_AUTO_TEST_CASE(a_bias_as_a_column_matrix) {
    std::vector<unsigned char> bad = good;
    BOOST_REQUIRE(zip_edit::replace(bad, "'shape': (4,), }", "'shape': (4, 1)}"));
    zip_edit::fix_crcs(bad);
    CHECK_HAS(load_error(bad), "array \"b1\": shape (4,) expected, file has (4, 1)");
}

BOOST_AUTO_TEST_CASE(a_renamed_entry) {
    std::vector<unsigned char> bad = good;
    BOOST_REQUIRE(zip_edit::replace(bad, "W2.npy", "W9.npy"));                                     // local header
    BOOST_REQUIRE(zip_edit::replace(bad, "W2.npy", "W9.npy", zip_edit::entries(good)[0].central));  // central
    CHECK_HAS(load_error(bad), "missing array \"W2\"; unexpected array \"W9\"");
}

BOOST_AUTO_TEST_CASE(an_extra_array_and_a_missing_array) {
    params_for<decltype(bigger)> big;
    io::save_npz(dir / "bigger.npz", big);
    std::string m = load_error_of(dir / "bigger.npz");
    CHECK_HAS(m, (dir / "bigger.npz").string() + ": unexpected array \"W9\"");
    BOOST_TEST(!has(m, "missing"));
    params_for<decltype(smaller)> small;
    io::save_npz(dir / "smaller.npz", small);
    m = load_error_of(dir / "smaller.npz");
    CHECK_HAS(m, (dir / "smaller.npz").string() + ": missing array \"b1\"");
    BOOST_TEST(!has(m, "unexpected"));
}

BOOST_AUTO_TEST_CASE(a_wrong_dtype) {
    std::vector<unsigned char> bad = good;
    BOOST_REQUIRE(zip_edit::replace(bad, "'<f4'", "'<f8'", zip_edit::find(good, "b1.npy").data));
    zip_edit::fix_crcs(bad);
    CHECK_HAS(load_error(bad), "array \"b1\": dtype <f8 where <f4 expected");
    // A double arena's file into a float arena, and a float file into a double arena.
    params_for<decltype(net), double> d;
    io::save_npz(dir / "double.npz", d);
    CHECK_HAS(load_error_of(dir / "double.npz"), "dtype <f8 where <f4 expected");
    CHECK_HAS((load_error_of<params_for<decltype(net), double>>(dir / "good.npz")), "dtype <f4 where <f8 expected");
}

BOOST_AUTO_TEST_CASE(big_endian_data_is_refused) {
    std::vector<unsigned char> bad = good;
    BOOST_REQUIRE(zip_edit::replace(bad, "'<f4'", "'>f4'"));
    zip_edit::fix_crcs(bad);
    CHECK_HAS(load_error(bad), "dtype >f4 where <f4 expected");
}

BOOST_AUTO_TEST_CASE(headers_are_parsed_strictly) {
    std::vector<unsigned char> bad = good;
    BOOST_REQUIRE(zip_edit::replace(bad, "'descr'", "'dtype'"));
    zip_edit::fix_crcs(bad);
    CHECK_HAS(load_error(bad), "invalid .npy header at character 1: unexpected key 'dtype'");
    bad = good;
    BOOST_REQUIRE(zip_edit::replace(bad, "False", "Flase"));
    zip_edit::fix_crcs(bad);
    CHECK_HAS(load_error(bad), "fortran_order must be True or False");
    bad = good;
    BOOST_REQUIRE(zip_edit::replace(bad, "\x93NUMPY", "\x93NUMPZ"));
    zip_edit::fix_crcs(bad);
    CHECK_HAS(load_error(bad), "not a .npy array");
}

BOOST_AUTO_TEST_CASE(not_a_zip_file_and_no_file) {
    const std::string text = "W1,b1,W2\n1,2,3\n";
    CHECK_HAS(load_error({text.begin(), text.end()}), "not a ZIP (.npz) file: it starts with bytes 57 31 2c 62");
    CHECK_HAS(load_error({}), "bad.npz: not a ZIP (.npz) file: it is empty");
    CHECK_HAS(load_error_of(dir / "absent.npz"), (dir / "absent.npz").string() + ": cannot open for reading");
}

BOOST_AUTO_TEST_CASE(corrupt_deflate_data) {
    std::vector<unsigned char> bad(std::begin(npz_fixtures::numpy_savez_compressed),
                                   std::end(npz_fixtures::numpy_savez_compressed));
    // NumPy's entries carry a ZIP64 extra field: the data starts after it.
    const zip_edit::entry first = zip_edit::entries(bad).front();
    for (std::size_t i = first.data + 4; i < first.data + 12; ++i) bad[i] ^= 0xa5;
    const std::string m = load_error(bad);
    CHECK_HAS(m, "\"" + first.name + "\"");
    BOOST_TEST((has(m, "deflate data is invalid") || has(m, "CRC mismatch")), m);
}

// Every single-byte corruption and every truncation of a stored and of a compressed file: the
// load either throws io::error with the arena untouched, or (a byte no reader needs, such as a
// timestamp or the local copy of the CRC) gives exactly the values of the good file.
BOOST_AUTO_TEST_CASE(every_flipped_byte_and_every_truncation) {
    const std::vector<unsigned char> compressed(std::begin(npz_fixtures::numpy_savez_compressed),
                                                std::end(npz_fixtures::numpy_savez_compressed));
    for (const std::vector<unsigned char>* original : {&std::as_const(good), &compressed}) {
        io_files::write_bytes(dir / "original.npz", *original);
        arena_t expected;
        expected.flat().setConstant(-7);  // as below: the padding between params keeps its value
        io::load_npz(dir / "original.npz", expected);
        int refused = 0, loaded = 0, wrong = 0, unchanged = 0;
        const auto attempt = [&](const std::vector<unsigned char>& bytes, bool may_load) {
            io_files::write_bytes(dir / "bad.npz", bytes);
            arena_t p;
            p.flat().setConstant(-7);
            try {
                io::load_npz(dir / "bad.npz", p);
                ++loaded;
                wrong += !may_load || !(p.flat() == expected.flat());
            } catch (const io::error&) {
                ++refused;
                unchanged += (p.flat().array() == -7).all();
            }
        };
        for (std::size_t i = 0; i < original->size(); ++i) {
            std::vector<unsigned char> bad = *original;
            bad[i] ^= 0x10;
            attempt(bad, true);
        }
        for (std::size_t n = 0; n < original->size(); ++n)
            attempt({original->begin(), original->begin() + long(n)}, false);
        BOOST_TEST_MESSAGE(original->size() << " bytes: " << refused << " refused, " << loaded << " loaded");
        BOOST_TEST(wrong == 0);
        BOOST_TEST(unchanged == refused);
        BOOST_TEST(refused > int(original->size()));  // at least every truncation
    }
}

BOOST_AUTO_TEST_SUITE_END()
