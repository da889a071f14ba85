// io/cpp_header.hpp: the header is parsed back here (strtof / strtod on every literal) and must
// give every value bit for bit, row-major, whatever the arena's storage order; shapes are
// constants; names that are not identifiers are mapped; bad input is refused before any file
// is written. (test.io.cpp_header.compiled compiles such a header: tests/io/CMakeLists.txt.)
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/io/cpp_header.hpp>

#include "support/io_files.hpp"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

using namespace exprnet;

namespace {
constexpr auto x = input<"x", 7>;
constexpr auto W1 = param<"layer.0.weight", 6, 7>;  // not an identifier: layer_0_weight
constexpr auto b1 = param<"b1", 6>;
constexpr auto W2 = param<"W2", 5, 6>;
constexpr auto net = W2 * relu(W1 * x + b1);
using params_t = params_of_t<decltype(net)>;
using matrices_t = exprnet::detail::type_list<std::remove_cvref_t<decltype(W1)>, std::remove_cvref_t<decltype(W2)>>;

// Bit patterns spread over the whole range (an LCG), non-finite ones replaced by extremes.
template <class Scalar>
Scalar pattern(std::uint64_t i) {
    using bits_t = std::conditional_t<sizeof(Scalar) == 4, std::uint32_t, std::uint64_t>;
    const std::uint64_t z = (i + 1) * 6364136223846793005ull + 1442695040888963407ull;
    const Scalar v = std::bit_cast<Scalar>(bits_t(z ^ (z >> 29)));
    if (std::isfinite(v)) return v;
    const Scalar extremes[] = {std::numeric_limits<Scalar>::max(), std::numeric_limits<Scalar>::denorm_min(),
                               -std::numeric_limits<Scalar>::min(), -Scalar(0)};
    return extremes[i % 4];
}

template <class Arena>
void fill(Arena& p) {
    std::uint64_t i = 0;
    p.for_each([&](auto, auto m) {
        for (int r = 0; r < m.rows(); ++r)
            for (int c = 0; c < m.cols(); ++c) m(r, c) = pattern<typename Arena::scalar>(i++);
    });
}

/// The literals between "NAME[...] = {" and "};", parsed with strtof / strtod.
template <class Scalar>
std::vector<Scalar> parse_array(const std::string& text, const std::string& declaration) {
    std::vector<Scalar> values;
    const std::size_t at = text.find(declaration);
    BOOST_REQUIRE_MESSAGE(at != std::string::npos, "no \"" << declaration << "\" in the header");
    const std::size_t end = text.find("};", at);
    const char* p = text.c_str() + text.find('{', at) + 1;
    for (;;) {
        while (*p == ' ' || *p == '\n' || *p == ',') ++p;
        if (p >= text.c_str() + end) break;
        char* next = nullptr;
        values.push_back(sizeof(Scalar) == 4 ? Scalar(std::strtof(p, &next)) : Scalar(std::strtod(p, &next)));
        BOOST_REQUIRE(next != p);
        p = next;
        if (sizeof(Scalar) == 4) BOOST_REQUIRE(*p++ == 'f');
    }
    return values;
}

bool has_line(const std::string& text, const std::string& line) { return text.find("\n" + line + "\n") != std::string::npos; }

template <class Arena>
void check_round_trip(const char* type) {
    io_files::temp_dir dir("cpp-header");
    Arena p;
    fill(p);
    io::write_cpp_header(dir / "w.hpp", p, "net::weights");
    const std::string text = io_files::read_text(dir / "w.hpp");
    BOOST_TEST(has_line(text, "namespace net::weights {"));
    BOOST_TEST(has_line(text, "inline constexpr int layer_0_weight_rows = 6;"));
    BOOST_TEST(has_line(text, "inline constexpr int layer_0_weight_cols = 7;"));
    BOOST_TEST(has_line(text, "inline constexpr int b1_cols = 1;"));
    BOOST_TEST(has_line(text, "    {\"layer.0.weight\", layer_0_weight_rows, layer_0_weight_cols, layer_0_weight},"));
    using S = typename Arena::scalar;
    const auto check = [&](const std::string& id, auto m) {
        const std::vector<S> values =
            parse_array<S>(text, std::string("inline constexpr ") + type + " " + id + "[" + id + "_rows * " + id + "_cols]");
        BOOST_REQUIRE(values.size() == std::size_t(m.size()));
        int differ = 0;
        for (int r = 0; r < m.rows(); ++r)
            for (int c = 0; c < m.cols(); ++c)
                differ += std::bit_cast<std::conditional_t<sizeof(S) == 4, std::uint32_t, std::uint64_t>>(m(r, c)) !=
                          std::bit_cast<std::conditional_t<sizeof(S) == 4, std::uint32_t, std::uint64_t>>(
                              values[std::size_t(r * m.cols() + c)]);
        BOOST_TEST(differ == 0, id << ": " << differ << " values do not read back bit for bit");
    };
    check("layer_0_weight", p[W1]);
    check("b1", p[b1]);
    check("W2", p[W2]);
}
}  // namespace

BOOST_AUTO_TEST_CASE(float_values_read_back_exactly_in_row_major_order) {
    check_round_trip<arena<params_t, float, params_role>>("float");
    check_round_trip<arena<params_t, float, params_role, matrices_t>>("float");
}

BOOST_AUTO_TEST_CASE(double_values_read_back_exactly_in_row_major_order) {
    check_round_trip<arena<params_t, double, params_role>>("double");
    check_round_trip<arena<params_t, double, params_role, matrices_t>>("double");
}

BOOST_AUTO_TEST_CASE(exact_literals) {
    BOOST_TEST(io::detail::exact_literal(1.0f) == "1.0f");
    BOOST_TEST(io::detail::exact_literal(-0.0f) == "-0.0f");
    BOOST_TEST(io::detail::exact_literal(0.1f) == "0.100000001f");
    BOOST_TEST(io::detail::exact_literal(1e20f) == "1.00000002e+20f");
    BOOST_TEST(io::detail::exact_literal(0.1) == "0.10000000000000001");
    BOOST_TEST(io::detail::exact_literal(1e300) == "1.0000000000000001e+300");
}

BOOST_AUTO_TEST_CASE(refusals_write_nothing) {
    io_files::temp_dir dir("cpp-header");
    params_for<decltype(net)> p;
    p.set_zero();
    const auto message = [&](const char* ns) {
        try {
            io::write_cpp_header(dir / "w.hpp", p, ns);
        } catch (const io::error& e) {
            return std::string(e.what());
        }
        return std::string("(no error)");
    };
    BOOST_TEST(message("2fast") == (dir / "w.hpp").string() +
                                       ": namespace \"2fast\" is not a C++ namespace name (identifiers separated by ::)");
    BOOST_TEST(message("a::") != "(no error)");
    p[W2](1, 2) = std::numeric_limits<float>::infinity();
    BOOST_TEST(message("w") == (dir / "w.hpp").string() +
                                   ": array \"W2\": element (1, 2) is not finite; a header can hold finite values only");
    BOOST_TEST(io_files::listing(dir.path()).empty());

    constexpr auto a = param<"a", 2, 2>;
    constexpr auto a_rows = param<"a_rows", 2, 1>;
    params_for<decltype(a * a_rows)> q;
    q.set_zero();
    try {
        io::write_cpp_header(dir / "q.hpp", q, "w");
        BOOST_TEST(false, "a header declaring a_rows twice was written");
    } catch (const io::error& e) {
        BOOST_TEST(std::string(e.what()).find("would declare a_rows twice") != std::string::npos, e.what());
    }
    BOOST_TEST(io_files::listing(dir.path()).empty());
}
