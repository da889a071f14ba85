// test.io.cpp_header.compiled: compiles the header that io::write_cpp_header wrote at build time
// (tools/header_writer.cpp) and checks it: shapes as constants, arrays_match at compile time,
// and load_arrays copies every value bit for bit into arenas of either storage order, or
// refuses an arena the arrays do not fit and leaves it untouched.
#include <exprnet/io/arrays.hpp>

#include "fixture_net.hpp"
#include "fixture_weights.hpp"

#include <cstdio>
#include <cstring>

using namespace exprnet;
using params_t = params_of_t<decltype(fixture::net)>;

static_assert(fixture_weights::fc1_weight_rows == 4 && fixture_weights::fc1_weight_cols == 5);
static_assert(fixture_weights::fc1_bias_rows == 4 && fixture_weights::fc1_bias_cols == 1);
static_assert(sizeof fixture_weights::fc2_weight == 3 * 4 * sizeof(float));
static_assert(io::arrays_match<params_for<decltype(fixture::net)>>(fixture_weights::arrays));
// Another network: a missing param, and one with another shape.
constexpr auto other = exprnet::param<"fc1.weight", 3, 5>;
using other_t = params_for<decltype(other * fixture::x)>;  // fc1.weight 3x5 only
static_assert(!io::arrays_match<other_t>(fixture_weights::arrays));

namespace {
int failures = 0;

template <class Arena>
void check_loads(const char* what) {
    Arena p;
    p.flat().setConstant(-7);
    if (!io::load_arrays(p, fixture_weights::arrays)) {
        std::printf("FAILED (%s): load_arrays refused arrays that match\n", what);
        ++failures;
        return;
    }
    p.for_each([&](auto symbol, auto m) {
        const int k = fixture::index_of(symbol.name.view());
        for (int r = 0; r < decltype(symbol)::rows; ++r)
            for (int c = 0; c < decltype(symbol)::cols; ++c) {
                const float expected = fixture::value<float>(k, r, c);
                const float got = m(r, c);
                if (std::memcmp(&expected, &got, sizeof(float)) != 0) {
                    std::printf("FAILED (%s): %.*s(%d, %d) is %.9g, expected %.9g\n", what,
                                int(decltype(symbol)::name.view().size()), decltype(symbol)::name.view().data(), r, c,
                                double(got), double(expected));
                    ++failures;
                }
            }
    });
}
}  // namespace

int main() {
    check_loads<params_for<decltype(fixture::net)>>("params_for");
    check_loads<arena<params_t, float, params_role>>("column-major arena");
    using matrices_t = exprnet::detail::type_list<std::remove_cvref_t<decltype(fixture::fc1_weight)>,
                                                  std::remove_cvref_t<decltype(fixture::fc2_weight)>>;
    check_loads<arena<params_t, float, params_role, matrices_t>>("row-major arena");

    other_t q;
    q.flat().setConstant(-7);
    if (io::load_arrays(q, fixture_weights::arrays) || !(q.flat().array() == -7).all()) {
        std::printf("FAILED: load_arrays into an arena the arrays do not fit must refuse and write nothing\n");
        ++failures;
    }
    if (failures == 0) std::printf("the generated header holds every value exactly\n");
    return failures == 0 ? 0 : 1;
}
