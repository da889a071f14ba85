// io/npz.hpp round trips: float and double arenas, row-major and column-major params (the file
// must not depend on the storage order), the bytes of the file read independently of the
// loader, and files written by NumPy itself (stored and deflate, C and Fortran order).
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/io/npz.hpp>

#include "support/io_files.hpp"
#include "support/numpy_npz_files.hpp"
#include "support/zip_edit.hpp"

#include <cstring>
#include <string>
#include <string_view>

using namespace exprnet;

namespace {
constexpr auto x = input<"x", 3>;
constexpr auto W1 = param<"W1", 4, 3>;
constexpr auto b1 = param<"b1", 4>;
constexpr auto W2 = param<"W2", 2, 4>;
constexpr auto net = W2 * relu(W1 * x + b1);
using params_t = params_of_t<decltype(net)>;

template <class Scalar>
using col_major_t = arena<params_t, Scalar, params_role>;
using matrices_t = exprnet::detail::type_list<std::remove_cvref_t<decltype(W1)>, std::remove_cvref_t<decltype(W2)>>;
template <class Scalar>
using row_major_t = arena<params_t, Scalar, params_role, matrices_t>;
static_assert(col_major_t<float>::order_of<decltype(W1)> == Eigen::ColMajor);
static_assert(row_major_t<float>::order_of<decltype(W1)> == Eigen::RowMajor);
static_assert(row_major_t<float>::order_of<decltype(W2)> == Eigen::RowMajor);

// Value (r, c) of param k (W1 0, b1 1, W2 2, whatever the arena's order): distinct, and not
// exactly representable (0.1 steps).
double value(int k, int r, int c) { return 0.1 * (k + 1) + 1.3 * r - 0.7 * c; }
int index_of(std::string_view name) { return name == "W1" ? 0 : name == "b1" ? 1 : 2; }

template <class Arena>
void fill(Arena& p) {
    p.for_each([&](auto symbol, auto m) {
        const int k = index_of(symbol.name.view());
        for (int r = 0; r < decltype(symbol)::rows; ++r)
            for (int c = 0; c < decltype(symbol)::cols; ++c) m(r, c) = typename Arena::scalar(value(k, r, c));
    });
}

template <class Arena>
bool holds_values(const Arena& p) {
    bool ok = true;
    p.for_each([&](auto symbol, auto m) {
        const int k = index_of(symbol.name.view());
        for (int r = 0; r < decltype(symbol)::rows; ++r)
            for (int c = 0; c < decltype(symbol)::cols; ++c) ok = ok && m(r, c) == typename Arena::scalar(value(k, r, c));
    });
    return ok;
}

template <class From, class To>
void round_trip() {
    io_files::temp_dir dir("npz-roundtrip");
    From saved;
    fill(saved);
    io::save_npz(dir / "w.npz", saved);
    To loaded;
    loaded.flat().setConstant(-99);
    io::load_npz(dir / "w.npz", loaded);
    BOOST_TEST(holds_values(loaded));
    BOOST_TEST(io_files::listing(dir.path()) == std::set<std::string>{"w.npz"});  // no temporary file left
}

// The offset of the data of the array whose .npy header holds `dict`: the header ends with
// '\n' at a multiple of 64 bytes from the magic, which is 10 bytes before the dict.
std::size_t data_offset(const std::vector<unsigned char>& file, const std::string& dict) {
    const std::string text(file.begin(), file.end());
    const std::size_t at = text.find(dict);
    BOOST_REQUIRE(at != std::string::npos);
    BOOST_REQUIRE(text.compare(at - 10, 6, "\x93NUMPY") == 0);
    const std::size_t end = text.find('\n', at);
    BOOST_REQUIRE((end + 1 - (at - 10)) % 64 == 0);
    return end + 1;
}
}  // namespace

BOOST_AUTO_TEST_CASE(float_round_trips_between_storage_orders) {
    round_trip<row_major_t<float>, col_major_t<float>>();
    round_trip<col_major_t<float>, row_major_t<float>>();
    round_trip<params_for<decltype(net)>, col_major_t<float>>();
}

BOOST_AUTO_TEST_CASE(double_round_trips_between_storage_orders) {
    round_trip<row_major_t<double>, col_major_t<double>>();
    round_trip<col_major_t<double>, row_major_t<double>>();
}

BOOST_AUTO_TEST_CASE(saved_files_are_c_order_with_numpy_headers_whatever_the_storage_order) {
    io_files::temp_dir dir("npz-bytes");
    col_major_t<float> p;
    fill(p);
    io::save_npz(dir / "w.npz", p);
    const auto file = io_files::read_bytes(dir / "w.npz");
    // Entry names as numpy.savez writes them, and the ZIP signatures at both ends.
    const std::string text(file.begin(), file.end());
    BOOST_TEST(text.compare(0, 4, "PK\x03\x04") == 0);
    BOOST_TEST(text.compare(36, 6, "\x93NUMPY") == 0);  // a 6-character name, no extra field, then the data
    for (const char* name : {"W1.npy", "b1.npy", "W2.npy"}) BOOST_TEST(text.find(name) != std::string::npos);
    BOOST_TEST(text.compare(file.size() - 22, 4, "PK\x05\x06") == 0);
    // W1 is 4x3, row by row; b1 is 1-D.
    std::size_t at = data_offset(file, "{'descr': '<f4', 'fortran_order': False, 'shape': (4, 3), }");
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 3; ++c, at += 4) {
            float v;
            std::memcpy(&v, file.data() + at, 4);
            BOOST_TEST(v == float(value(0, r, c)));
        }
    at = data_offset(file, "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }");
    for (int r = 0; r < 4; ++r, at += 4) {
        float v;
        std::memcpy(&v, file.data() + at, 4);
        BOOST_TEST(v == float(value(1, r, 0)));
    }

    col_major_t<double> d;
    fill(d);
    io::save_npz(dir / "d.npz", d);
    const auto dfile = io_files::read_bytes(dir / "d.npz");
    at = data_offset(dfile, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 4), }");
    for (int r = 0; r < 2; ++r)
        for (int c = 0; c < 4; ++c, at += 8) {
            double v;
            std::memcpy(&v, dfile.data() + at, 8);
            BOOST_TEST(v == value(2, r, c));
        }
}

BOOST_AUTO_TEST_CASE(reads_what_numpy_writes_stored_and_compressed_c_and_fortran_order) {
    io_files::temp_dir dir("npz-numpy");
    const auto check = [](const auto& p) {
        for (int r = 0; r < 4; ++r)
            for (int c = 0; c < 3; ++c) BOOST_TEST(p[W1](r, c) == (3 * r + c) / 2.0f);
        for (int r = 0; r < 4; ++r) BOOST_TEST(p[b1](r) == r + 1.0f);
        for (int r = 0; r < 2; ++r)
            for (int c = 0; c < 4; ++c) BOOST_TEST(p[W2](r, c) == 4.0f * r + c);
    };
    io_files::write_bytes(dir / "s.npz", {std::begin(npz_fixtures::numpy_savez), std::end(npz_fixtures::numpy_savez)});
    io_files::write_bytes(dir / "c.npz", {std::begin(npz_fixtures::numpy_savez_compressed),
                                          std::end(npz_fixtures::numpy_savez_compressed)});
    for (const char* name : {"s.npz", "c.npz"}) {
        BOOST_TEST_CONTEXT(name) {
            row_major_t<float> rows;
            io::load_npz(dir / name, rows);
            check(rows);
            col_major_t<float> cols;
            io::load_npz(dir / name, cols);
            check(cols);
        }
    }
}

BOOST_AUTO_TEST_CASE(reads_zip64_records) {
    io_files::temp_dir dir("npz-zip64");
    col_major_t<float> p;
    fill(p);
    io::save_npz(dir / "w.npz", p);
    const auto zip64 = zip_edit::to_zip64(io_files::read_bytes(dir / "w.npz"));
    io_files::write_bytes(dir / "w64.npz", zip64);
    row_major_t<float> q;
    io::load_npz(dir / "w64.npz", q);
    BOOST_TEST(holds_values(q));
}

BOOST_AUTO_TEST_CASE(saving_replaces_an_existing_file) {
    io_files::temp_dir dir("npz-replace");
    col_major_t<float> p;
    p.set_zero();
    io::save_npz(dir / "w.npz", p);
    fill(p);
    io::save_npz(dir / "w.npz", p);
    col_major_t<float> q;
    io::load_npz(dir / "w.npz", q);
    BOOST_TEST(holds_values(q));
}
