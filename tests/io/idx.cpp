// io/idx.hpp: small IDX files written here byte by byte (plain, and gzip through zlib) read back
// with the values they were written with; every kind of bad file is rejected with a message
// that names the file and the problem.
#include <boost/test/unit_test.hpp>

#include <exprnet/io/idx.hpp>

#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace exprnet;
namespace fs = std::filesystem;

namespace {

using bytes = std::vector<unsigned char>;

/// A fresh directory for this process's files, removed at exit.
struct scratch_dir {
    fs::path path = fs::temp_directory_path() / ("exprnet_test_idx_" + std::to_string(::getpid()));
    scratch_dir() { fs::create_directories(path); }
    ~scratch_dir() { fs::remove_all(path); }
};
const scratch_dir scratch;

fs::path write_plain(const std::string& name, const bytes& content) {
    const fs::path p = scratch.path / name;
    std::ofstream out(p, std::ios::binary);
    out.write(reinterpret_cast<const char*>(content.data()), std::streamsize(content.size()));
    return p;
}

fs::path write_gzip(const std::string& name, const bytes& content) {
    const fs::path p = scratch.path / name;
    gzFile f = gzopen(p.c_str(), "wb");
    BOOST_REQUIRE(f != nullptr);
    if (!content.empty()) BOOST_REQUIRE(gzwrite(f, content.data(), unsigned(content.size())) == int(content.size()));
    BOOST_REQUIRE(gzclose(f) == Z_OK);
    return p;
}

bytes file_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return bytes(std::istreambuf_iterator<char>(in), {});
}

// 3 images of 2x2 pixels; header: magic 00 00 08 03, then 3, 2, 2 as big-endian 32-bit.
const bytes images_3x2x2 = {0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 2,
                            0, 51, 102, 255,     // image 0: 0, 0.2, 0.4, 1
                            255, 0, 0, 0,        // image 1
                            1, 2, 3, 4};         // image 2
// 3 labels: magic 00 00 08 01, count 3.
const bytes labels_3 = {0, 0, 8, 1, 0, 0, 0, 3, 9, 0, 4};

/// Runs f, which must throw io::error; returns its message.
template <class F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const io::error& e) {
        return e.what();
    }
    BOOST_FAIL("no io::error was thrown");
    return {};
}

bool contains(const std::string& text, const std::string& part) {
    const bool found = text.find(part) != std::string::npos;
    if (!found) BOOST_TEST_MESSAGE("'" << part << "' not in: " << text);
    return found;
}

}  // namespace

BOOST_AUTO_TEST_CASE(plain_and_gzip_files_read_back_as_written) {
    for (const fs::path& path : {write_plain("images-idx3-ubyte", images_3x2x2), write_gzip("images-idx3-ubyte.gz", images_3x2x2)}) {
        const io::idx_images img = io::read_idx_images(path);
        BOOST_TEST(img.count == 3);
        BOOST_TEST(img.rows == 2);
        BOOST_TEST(img.cols == 2);
        BOOST_TEST(img.pixels.rows() == 4);
        BOOST_TEST(img.pixels.cols() == 3);
        // One column per image, pixels in file order, byte / 255.
        BOOST_TEST(img.pixels(0, 0) == 0.0f);
        BOOST_TEST(img.pixels(1, 0) == 0.2f, boost::test_tools::tolerance(1e-7f));
        BOOST_TEST(img.pixels(2, 0) == 0.4f, boost::test_tools::tolerance(1e-7f));
        BOOST_TEST(img.pixels(3, 0) == 1.0f);
        BOOST_TEST(img.pixels(0, 1) == 1.0f);
        BOOST_TEST(img.pixels(1, 1) == 0.0f);
        BOOST_TEST(img.pixels(3, 2) == 4.0f / 255.0f);
    }
    const std::vector<int> expected{9, 0, 4};
    BOOST_TEST(io::read_idx_labels(write_plain("labels-idx1-ubyte", labels_3)) == expected, boost::test_tools::per_element());
    BOOST_TEST(io::read_idx_labels(write_gzip("labels-idx1-ubyte.gz", labels_3)) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_pair_reads_images_and_labels_together) {
    const io::labelled_images set =
        io::read_idx_pair(write_gzip("pair-images.gz", images_3x2x2), write_gzip("pair-labels.gz", labels_3));
    BOOST_TEST(set.images.count == 3);
    BOOST_TEST(set.labels.size() == 3u);
    BOOST_TEST(set.labels[0] == 9);
    BOOST_TEST(set.images.pixels(3, 0) == 1.0f);
}

BOOST_AUTO_TEST_CASE(an_empty_set_is_valid) {
    const io::idx_images img = io::read_idx_images(write_plain("empty-images", {0, 0, 8, 3, 0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 28}));
    BOOST_TEST(img.count == 0);
    BOOST_TEST(img.pixels.rows() == 784);
    BOOST_TEST(img.pixels.cols() == 0);
}

BOOST_AUTO_TEST_CASE(a_missing_file_is_named) {
    const fs::path missing = scratch.path / "no-such-file.gz";
    const std::string m = error_of([&] { io::read_idx_images(missing); });
    BOOST_TEST(contains(m, missing.string()));
    BOOST_TEST(contains(m, "does not exist"));
    const std::string d = error_of([&] { io::read_idx_labels(scratch.path); });
    BOOST_TEST(contains(d, "is a directory, not a file"));
}

BOOST_AUTO_TEST_CASE(a_gz_file_that_is_not_gzip_is_rejected) {
    const fs::path p = write_plain("plain-but-named.gz", images_3x2x2);
    const std::string m = error_of([&] { io::read_idx_images(p); });
    BOOST_TEST(contains(m, p.string()));
    BOOST_TEST(contains(m, "is not gzip-compressed"));
    BOOST_TEST(contains(m, "00 00 08 03"));  // what it starts with instead
    const std::string e = error_of([&] { io::read_idx_labels(write_plain("empty.gz", {})); });
    BOOST_TEST(contains(e, "is not gzip-compressed: its name ends in .gz, but it is empty"));
}

BOOST_AUTO_TEST_CASE(a_bad_magic_is_printed_in_hex_with_the_expected_one) {
    bytes content = images_3x2x2;
    content[0] = 0x1f;  // as if a gzip file had been decompressed twice, or another format
    content[2] = 0x0d;  // IDX's type byte for float data, which these readers do not take
    const std::string m = error_of([&] { io::read_idx_images(write_gzip("bad-magic.gz", content)); });
    BOOST_TEST(contains(m, "bad-magic.gz"));
    BOOST_TEST(contains(m, "bad magic number 0x1f000d03"));
    BOOST_TEST(contains(m, "expected 0x00000803"));

    const std::string lm = error_of([&] { io::read_idx_labels(write_plain("labels-bad-magic", {0, 0, 9, 1, 0, 0, 0, 0})); });
    BOOST_TEST(contains(lm, "bad magic number 0x00000901"));
    BOOST_TEST(contains(lm, "expected 0x00000801"));
}

BOOST_AUTO_TEST_CASE(a_wrong_dimension_count_is_rejected) {
    // A labels file given where images are expected, and the other way round.
    const std::string m = error_of([&] { io::read_idx_images(write_plain("labels-as-images", labels_3)); });
    BOOST_TEST(contains(m, "wrong dimension count: 1 dimensions"));
    BOOST_TEST(contains(m, "have 3"));
    const std::string lm = error_of([&] { io::read_idx_labels(write_plain("images-as-labels", images_3x2x2)); });
    BOOST_TEST(contains(lm, "wrong dimension count: 3 dimensions"));
    BOOST_TEST(contains(lm, "have 1"));
}

BOOST_AUTO_TEST_CASE(truncated_files_say_how_much_was_expected_and_found) {
    bytes short_data(images_3x2x2.begin(), images_3x2x2.end() - 5);  // 12 bytes of data declared, 7 present
    for (const fs::path& p : {write_plain("short-images", short_data), write_gzip("short-images.gz", short_data)}) {
        const std::string m = error_of([&] { io::read_idx_images(p); });
        BOOST_TEST(contains(m, p.string()));
        BOOST_TEST(contains(m, "is truncated: expected 12 bytes of data after the header, got 7"));
    }
    // Cut inside the header.
    const std::string h = error_of([&] { io::read_idx_images(write_plain("short-header", bytes(images_3x2x2.begin(), images_3x2x2.begin() + 10))); });
    BOOST_TEST(contains(h, "is truncated: expected 12 bytes of dimension sizes after the magic, got 6"));
    const std::string e = error_of([&] { io::read_idx_labels(write_plain("empty-file", {})); });
    BOOST_TEST(contains(e, "is truncated: expected a 4-byte magic number, got 0 bytes"));
    const std::string l = error_of([&] { io::read_idx_labels(write_gzip("short-labels.gz", {0, 0, 8, 1, 0, 0, 0, 5, 1, 2})); });
    BOOST_TEST(contains(l, "expected 5 bytes of data after the header, got 2"));
}

BOOST_AUTO_TEST_CASE(a_gzip_stream_cut_off_is_reported_as_truncated) {
    // A larger file, so that cutting its compressed form leaves a header and part of the data.
    bytes content = {0, 0, 8, 1, 0, 0, 0x10, 0};  // 4096 labels
    std::uint64_t state = 1;  // an LCG's labels: little repetition, so gzip keeps them ~1.7 KB
    for (int i = 0; i < 4096; ++i) {
        state = state * 6364136223846793005u + 1442695040888963407u;
        content.push_back((unsigned char)((state >> 33) % 10));
    }
    const bytes whole = file_bytes(write_gzip("whole-labels.gz", content));
    BOOST_REQUIRE(whole.size() > 200u);
    const fs::path cut = write_plain("cut-labels.gz", bytes(whole.begin(), whole.begin() + long(whole.size()) / 2));
    const std::string m = error_of([&] { io::read_idx_labels(cut); });
    BOOST_TEST(contains(m, cut.string()));
    BOOST_TEST(contains(m, "is truncated: expected 4096 bytes of data after the header, got"));
    BOOST_TEST(contains(m, "gzip stream ends early"));
}

BOOST_AUTO_TEST_CASE(data_past_the_declared_end_is_rejected) {
    bytes content = labels_3;
    content.push_back(1);  // a 4th label in a file that declares 3
    const std::string m = error_of([&] { io::read_idx_labels(write_gzip("long-labels.gz", content)); });
    BOOST_TEST(contains(m, "more data than its header declares: expected 3 bytes"));
}

BOOST_AUTO_TEST_CASE(a_label_out_of_range_is_named_with_its_index) {
    const std::string m = error_of([&] { io::read_idx_labels(write_plain("bad-label", {0, 0, 8, 1, 0, 0, 0, 4, 3, 9, 1, 12})); });
    BOOST_TEST(contains(m, "bad-label"));
    BOOST_TEST(contains(m, "has label 12 at index 3, outside 0..9"));
    // 10 is the first label out of range.
    const std::string m10 = error_of([&] { io::read_idx_labels(write_plain("label-10", {0, 0, 8, 1, 0, 0, 0, 2, 9, 10})); });
    BOOST_TEST(contains(m10, "has label 10 at index 1, outside 0..9"));
    // The range follows the number of classes.
    const std::string m3 = error_of([&] { io::read_idx_labels(write_plain("labels-3", labels_3), 5); });
    BOOST_TEST(contains(m3, "has label 9 at index 0, outside 0..4"));
}

BOOST_AUTO_TEST_CASE(images_and_labels_must_agree_in_count) {
    const fs::path images = write_plain("three-images", images_3x2x2);
    const fs::path labels = write_plain("four-labels", {0, 0, 8, 1, 0, 0, 0, 4, 1, 2, 3, 4});
    const std::string m = error_of([&] { io::read_idx_pair(images, labels); });
    BOOST_TEST(contains(m, "holds 3 images"));
    BOOST_TEST(contains(m, "holds 4 labels"));
    BOOST_TEST(contains(m, images.string()));
    BOOST_TEST(contains(m, labels.string()));
}
