// print(program) on CS231n's two-layer net: its backward statements are the ones the lecture
// derives by hand (the numpy case study: dscores = (probs - y) / N, dW2 = dscores hᵀ,
// db2 = Σ dscores, dhidden = W2ᵀ dscores, dhidden[h <= 0] = 0, dW1 = dhidden xᵀ,
// db1 = Σ dhidden), in an order where every value is written before it is read; one
// statement per step of the program; the gates are named.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/print.hpp>

#include "support/listing.hpp"

#include <cctype>
#include <set>
#include <string>

using namespace exprnet;
using listing_test::statement;

namespace {
constexpr auto x = input<"x", 3072>;
constexpr auto y = input<"y", 10>;
constexpr auto W1 = param<"W1", 100, 3072>;
constexpr auto b1 = param<"b1", 100>;
constexpr auto W2 = param<"W2", 10, 100>;
constexpr auto b2 = param<"b2", 10>;
constexpr auto z1 = W1 * x + b1;
constexpr auto h = relu(z1);
constexpr auto scores = W2 * h + b2;
constexpr auto loss = softmax_cross_entropy(scores, y);

/// Whether every name a statement reads was written by an earlier one or is a leaf.
bool written_before_read(const std::vector<statement>& code, const std::set<std::string>& leaves) {
    std::set<std::string> known = leaves;
    for (const statement& s : code) {
        std::string word;
        for (char c : s.rhs + ' ') {
            if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
                word += c;
                continue;
            }
            const bool function = c == '(';
            if (!word.empty() && !function && !std::isdigit(static_cast<unsigned char>(word[0])) && word != "N" && !known.count(word))
                return false;
            word.clear();
        }
        known.insert(s.lhs);
    }
    return true;
}
}  // namespace

BOOST_AUTO_TEST_CASE(backward_of_the_two_layer_net_is_the_hand_derived_one) {
    auto train = compile<batch<64>>(loss, wrt(W1, b1, W2, b2));
    const std::string listing = print(train, label<"z1">(z1), label<"h">(h), label<"scores">(scores));
    BOOST_TEST_MESSAGE(listing);
    const std::vector<statement> code = listing_test::statements(listing);
    BOOST_TEST(code.size() == std::size_t(train.step_count));  // no gradient is copied after the steps

    std::set<std::string> backward;
    for (const statement& s : code) backward.insert(s.lhs + " = " + s.rhs);
    for (const char* expected : {"dscores = (p - y) / N", "dh = W2ᵀ * dscores", "dz1 = dh ⊙ [h > 0]", "dW1 = dz1 * xᵀ",
                                 "db1 = rowsum(dz1)", "dW2 = dscores * hᵀ", "db2 = rowsum(dscores)", "p = softmax(scores)",
                                 "h = relu(t1 + b1)", "scores = t2 + b2", "loss = softmax_cross_entropy(scores, y)"})
        BOOST_TEST(backward.count(expected) == 1, "missing: " << expected);
    BOOST_TEST(written_before_read(code, {"x", "y", "W1", "b1", "W2", "b2"}));

    const auto notes = listing_test::gate_notes(listing);
    BOOST_TEST(listing_test::contains(notes, "dscores: softmax cross-entropy fuses"));
    BOOST_TEST(listing_test::contains(notes, "dh: product swaps: Aᵀ * G"));
    BOOST_TEST(listing_test::contains(notes, "dz1: max(0, ·) routes"));
    BOOST_TEST(listing_test::contains(notes, "add distributes it unchanged to"));
    BOOST_TEST(listing_test::contains(notes, "dW1: product swaps: G * Bᵀ"));
    BOOST_TEST(listing_test::contains(notes, "db1: broadcast: the copies' gradients add"));
}

BOOST_AUTO_TEST_CASE(forward_program_has_one_statement_per_step) {
    auto infer = compile(scores);
    const std::string listing = print(infer);
    const std::vector<statement> code = listing_test::statements(listing);
    BOOST_TEST(code.size() == std::size_t(infer.step_count));
    BOOST_TEST(code.back().lhs == "out");
    BOOST_TEST(written_before_read(code, {"x", "W1", "b1", "W2", "b2"}));
    BOOST_TEST(listing.find("forward program: batch N = 1") == 0);
    BOOST_TEST(listing_test::gate_notes(listing).empty());  // no backward, no gates
}
