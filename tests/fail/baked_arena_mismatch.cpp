// Compile-fail: baking entries into a constexpr arena (io::baked_arena) that do not fit it, here
// a weight with its shape transposed; the call names the check to run, io::arrays_match.
// expect-error: baked_arena_arrays_do_not_match_the_arena_see_arrays_match
#include <exprnet/embedded.hpp>

using namespace exprnet;

constexpr auto x = input<"x", 3>;
constexpr auto W = param<"W", 2, 3>;
constexpr auto net = W * x;

struct array_entry {
    const char* name;
    int rows;
    int cols;
    const float* data;
};
constexpr float w[] = {1, 2, 3, 4, 5, 6};
#if defined(EXPRNET_SHOULD_FAIL)
constexpr array_entry arrays[] = {{"W", 3, 2, w}};  // the mistake: W is 2x3
#else
constexpr array_entry arrays[] = {{"W", 2, 3, w}};
#endif

constexpr auto p = io::baked_arena<params_for<decltype(net)>>(arrays);

int main() { return p.data()[0] == 1.0f ? 0 : 1; }
