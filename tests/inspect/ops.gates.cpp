// The gates of the ops added in issue 14 as print(program) shows them, exact: the gate text of
// each op's `gate` facet on the `//   dX: ...` line of the backward step that applies it, and
// the step itself (the op's `partial`, with G = x from the readout ⊙ x).
// Each op reads its own product (A * x, B * x, ...), so that every gradient comes from one gate
// (a value read twice would be a branch, whose line says so instead).
// to_string and LaTeX of the ops and their gradients: ops.text.cpp; the drawings: ops.dot.cpp.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/print.hpp>

#include "support/listing.hpp"

#include <algorithm>
#include <string>
#include <vector>

using namespace exprnet;

namespace {
constexpr auto x = input<"x", 2>;
constexpr auto A = param<"A", 2, 2>;
constexpr auto B = param<"B", 2, 2>;
constexpr auto C = param<"C", 2, 2>;
constexpr auto D = param<"D", 2, 2>;
constexpr auto E = param<"E", 2, 2>;
constexpr auto F = param<"F", 2, 2>;
constexpr auto H = param<"H", 2, 2>;
constexpr auto K = param<"K", 2, 2>;
constexpr auto L = param<"L", 2, 2>;
constexpr auto a = param<"a", 2>;  // prelu: a slope per unit
constexpr auto s = param<"s", 1>;  // prelu: one shared slope

constexpr auto ops = softplus(A * x) + abs(B * x) + silu(C * x) + gelu(D * x) + hard_tanh(E * x) + min(F * x, H * x) +
                     prelu(K * x, a) + prelu(L * x, s);

bool has_line(const std::vector<std::string>& lines, const std::string& line) {
    return std::find(lines.begin(), lines.end(), line) != lines.end();
}
}  // namespace

BOOST_AUTO_TEST_CASE(print_names_each_gate) {
    // The readout ⊙ x makes G = x: each step is x ⊙ (the op's local derivative).
    constexpr auto loss = sum(hadamard(ops, x));
    auto train = compile<batch<2>>(loss, wrt(A, B, C, D, E, F, H, K, L, a, s));
    const std::string listing = print(train, label<"h1">(A * x), label<"h2">(B * x), label<"h3">(C * x), label<"h4">(D * x),
                                      label<"h5">(E * x), label<"h6">(F * x), label<"h7">(H * x), label<"h8">(K * x),
                                      label<"h9">(L * x));
    BOOST_TEST_MESSAGE(listing);
    const auto notes = listing_test::gate_notes(listing);
    for (const char* line : {
             "dh1: softplus: G ⊙ sigmoid(its input)",
             "dh2: abs: G ⊙ sign(its input)",
             "dh3: SiLU: G ⊙ σ(x) ⊙ (1 + x ⊙ (1 - σ(x))), from its input x",
             "dh4: GELU: G ⊙ 0.5 (1 + t + x (1 - t²) √(2/π) (1 + 3 · 0.044715 x²)), from its input x",
             "dh5: hard tanh routes: G where |its input| < 1, else 0",
             "dh6: min routes: G to the smaller input",
             "dh7: min routes: G to the smaller input",
             "dh8: PReLU: G, times the slope a where the input is negative",
             "dh9: PReLU: G, times the slope a where the input is negative",
             // The slope's gradient is the broadcast's, which its rule gives; the broadcast sums it.
             "d(a): PReLU: G ⊙ min(its input, 0), summed where a is shared",
             "da: broadcast: the copies' gradients add (a sum over the batch)",
             "d(s): PReLU: G ⊙ min(its input, 0), summed where a is shared",
             "ds: broadcast: the copies' gradients add (a sum over the batch)",
         })
        BOOST_TEST(has_line(notes, line), "missing: " << line);

    std::vector<std::string> code;
    for (const listing_test::statement& st : listing_test::statements(listing)) code.push_back(st.lhs + " = " + st.rhs);
    for (const char* statement : {"dh1 = x ⊙ sigmoid(h1)", "dh2 = x ⊙ sign(h2)", "dh5 = x ⊙ [|h5| < 1]", "dh6 = x ⊙ [h7 ≥ h6]",
                                  "dh7 = x ⊙ [h7 < h6]", "da = rowsum(x ⊙ min(h8, 0))", "ds = sum(x ⊙ min(h9, 0))"})
        BOOST_TEST(has_line(code, statement), "missing: " << statement);
}
