// io/arrays.hpp, io::baked_arena: an arena built at compile time from row-major entries (as
// io::write_cpp_header writes them) holds the same numbers, in the same layout, as the arena
// io::load_arrays fills at run time, for a net with a row-major param (V) and column-major ones
// (U, and the vectors); arrays_match accepts exactly the entries that fit.
// (The compile error for entries that do not fit: tests/fail/baked_arena_mismatch.cpp.)
#include <boost/test/unit_test.hpp>

#include <exprnet/embedded.hpp>

#include "support/reference_nets.hpp"

#include <array>
#include <memory>
#include <type_traits>

using namespace exprnet;

namespace {

constexpr auto x = input<"x", 6>;
constexpr auto U = param<"U", 16, 6>;
constexpr auto c = param<"c", 16>;
constexpr auto V = param<"V", 3, 16>;
constexpr auto d = param<"d", 3>;
constexpr auto scores = V * relu(U * x + c) + d;
using params_t = params_for<decltype(scores)>;
using U_t = std::remove_cv_t<decltype(U)>;
using V_t = std::remove_cv_t<decltype(V)>;

// eval/layout.hpp: V (3 output rows, fewer than any SIMD packet) is stored row-major, U (16 rows,
// 96 scalars: a small product) column-major. The test is about baking both orders.
static_assert(params_t::order_of<V_t> == Eigen::RowMajor);
static_assert(params_t::order_of<U_t> == Eigen::ColMajor);
static_assert(params_t::order_of<V_t> != params_t::order_of<U_t>);

/// Value (r, c) of param k (0 U, 1 c, 2 V, 3 d): distinct, exact in float, sign alternating.
constexpr float value(int k, int r, int col) {
    const float v = float(1 + 256 * k + 16 * r + col) / 64.0f;
    return (r + col) % 2 ? -v : v;
}

template <int K, int Rows, int Cols>
constexpr std::array<float, std::size_t(Rows * Cols)> row_major_values() {
    std::array<float, std::size_t(Rows * Cols)> a{};
    for (int r = 0; r < Rows; ++r)
        for (int col = 0; col < Cols; ++col) a[std::size_t(r * Cols + col)] = value(K, r, col);
    return a;
}
constexpr auto U_data = row_major_values<0, 16, 6>();
constexpr auto c_data = row_major_values<1, 16, 1>();
constexpr auto V_data = row_major_values<2, 3, 16>();
constexpr auto d_data = row_major_values<3, 3, 1>();

// The entry type of a generated header (io/cpp_header.hpp).
struct array_entry {
    const char* name;
    int rows;
    int cols;
    const float* data;
};
constexpr array_entry entries[] = {
    {"U", 16, 6, U_data.data()}, {"c", 16, 1, c_data.data()}, {"V", 3, 16, V_data.data()}, {"d", 3, 1, d_data.data()}};

// In flash on a microcontroller; here, evaluated by the compiler.
constexpr params_t baked = io::baked_arena<params_t>(entries);

// Spot checks at compile time against the storage order: V's (0, 1) follows (0, 0) in the row-major
// slot; U's (1, 0) follows (0, 0) in the column-major one; padding stays zero.
static_assert(baked.data()[params_t::offset_of<V_t>() + 1] == value(2, 0, 1));
static_assert(baked.data()[params_t::offset_of<V_t>() + 16] == value(2, 1, 0));
static_assert(baked.data()[params_t::offset_of<U_t>() + 1] == value(0, 1, 0));
static_assert(baked.data()[params_t::offset_of<U_t>() + 16] == value(0, 0, 1));
static_assert(baked.data()[params_t::size - 1] == 0.0f);  // d has 3 scalars, its slot more

// ---- arrays_match ---------------------------------------------------------------------------------
static_assert(io::arrays_match<params_t>(entries));
// Another order of the entries is fine: they are found by name.
constexpr array_entry reordered[] = {entries[3], entries[1], entries[0], entries[2]};
static_assert(io::arrays_match<params_t>(reordered));
// A wrong shape: V transposed (same number of scalars).
constexpr array_entry transposed[] = {entries[0], entries[1], {"V", 16, 3, V_data.data()}, entries[3]};
static_assert(!io::arrays_match<params_t>(transposed));
// A param missing.
constexpr array_entry missing[] = {entries[0], entries[1], entries[2]};
static_assert(!io::arrays_match<params_t>(missing));
// A param twice, as an extra entry, or in place of another one (four entries, d missing).
constexpr array_entry duplicate[] = {entries[0], entries[1], entries[2], entries[3], entries[2]};
static_assert(!io::arrays_match<params_t>(duplicate));
constexpr array_entry duplicate_for_missing[] = {entries[0], entries[1], entries[2], entries[2]};
static_assert(!io::arrays_match<params_t>(duplicate_for_missing));
// An entry of another name (a param renamed), and an extra one.
constexpr array_entry renamed[] = {entries[0], entries[1], entries[2], {"e", 3, 1, d_data.data()}};
static_assert(!io::arrays_match<params_t>(renamed));
constexpr array_entry extra[] = {entries[0], entries[1], entries[2], entries[3], {"e", 3, 1, d_data.data()}};
static_assert(!io::arrays_match<params_t>(extra));

template <class P>
int mismatches(const params_t& p, P symbol, int k) {
    int differ = 0;
    for (int r = 0; r < P::rows; ++r)
        for (int col = 0; col < P::cols; ++col) differ += p[symbol](r, col) != value(k, r, col);
    return differ;
}

}  // namespace

BOOST_AUTO_TEST_CASE(baked_values_are_the_entries) {
    BOOST_TEST(mismatches(baked, U, 0) == 0);
    BOOST_TEST(mismatches(baked, c, 1) == 0);
    BOOST_TEST(mismatches(baked, V, 2) == 0);
    BOOST_TEST(mismatches(baked, d, 3) == 0);
}

BOOST_AUTO_TEST_CASE(baked_equals_loaded) {
    auto loaded = std::make_unique<params_t>();
    BOOST_REQUIRE(io::load_arrays(*loaded, entries));
    BOOST_TEST(mismatches(*loaded, U, 0) == 0);
    BOOST_TEST(mismatches(*loaded, V, 2) == 0);
    // Element for element through the maps, then the whole block, padding included.
    BOOST_TEST((baked[U] == (*loaded)[U]));
    BOOST_TEST((baked[c] == (*loaded)[c]));
    BOOST_TEST((baked[V] == (*loaded)[V]));
    BOOST_TEST((baked[d] == (*loaded)[d]));
    BOOST_TEST((baked.flat() == loaded->flat()));

    // Entries that do not fit: refused, nothing written.
    loaded->flat().setConstant(-7);
    BOOST_TEST(!io::load_arrays(*loaded, transposed));
    BOOST_TEST((loaded->flat().array() == -7).all());
}

BOOST_AUTO_TEST_CASE(forward_on_baked_equals_forward_on_loaded) {
    auto loaded = std::make_unique<params_t>();
    BOOST_REQUIRE(io::load_arrays(*loaded, entries));
    reference::rng r(13);
    const auto xb = reference::random<float>(6, 4, r);
    auto infer = compile<batch<4>>(scores);
    const Eigen::MatrixXf on_baked = infer(baked, x = xb);
    const Eigen::MatrixXf on_loaded = infer(*loaded, x = xb);
    BOOST_TEST((on_baked == on_loaded));
    // The forward pass is not trivial: ReLU units both on and off, outputs not all equal.
    const Eigen::MatrixXf h = ((*loaded)[U] * xb).colwise() + Eigen::VectorXf((*loaded)[c]);
    BOOST_TEST((h.array() > 0).count() > 0);
    BOOST_TEST((h.array() < 0).count() > 0);
    BOOST_TEST(on_baked.maxCoeff() != on_baked.minCoeff());
}
