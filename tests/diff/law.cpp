// The finite-difference law itself (tests/support/gradcheck.hpp) has teeth: it rejects a
// deliberately wrong backward rule and a vacuous (identically zero) gradient. The wrong rule
// is a test-only op defined the documented way (ops/op_def.hpp, docs/extending.md).
#include <boost/test/unit_test.hpp>

#include "support/gradcheck.hpp"

using namespace exprnet;
using namespace exprnet::literals;
using exprnet_test::law;
namespace utf = boost::unit_test;

// square with a rule that forgets the factor 2: d(a²) = G ⊙ a. An op is one struct with every
// facet (ops/op_def.hpp); this one copies square's except its partial.
struct broken_square_op {
    static constexpr print_form print = call("broken_square");
    static constexpr print_form latex = square_op::latex;
    static constexpr std::string_view gate = square_op::gate;
    static constexpr gate_pattern pattern = square_op::pattern;
    static constexpr c99_form c99 = square_op::c99;
    static auto apply(const auto& a) { return a.square(); }
    template <class G, class A, class H>
    static constexpr auto partial(G g, A a, H) {
        return detail::make_binary<mul_op>(g, a);
    }
};

namespace {
constexpr auto x = input<"x", 3>;
constexpr auto z = input<"z", 2>;
constexpr auto W = param<"W", 2, 3>;

template <class E>
constexpr auto readout(E e) {
    return sum(hadamard(e, z));
}
}  // namespace

BOOST_AUTO_TEST_CASE(relative_error_definition) {
    Eigen::MatrixXd a(1, 2), n(1, 2);
    a << 3.0, 4.0;
    n << 3.0, 4.0;
    BOOST_TEST(exprnet_test::relative_error(a, n) == 0.0);
    n << 3.0, 0.0;  // ‖a − n‖ = 4, max(‖a‖, ‖n‖) = 5
    BOOST_TEST(exprnet_test::relative_error(a, n) == 0.8, boost::test_tools::tolerance(1e-15));
    a.setZero();
    n.setZero();
    BOOST_TEST(exprnet_test::relative_error(a, n) == 0.0);  // 0 / 1e-12, not 0 / 0
}

BOOST_AUTO_TEST_CASE(the_correct_rule_passes) {
    BOOST_TEST(law<1>(readout(square(W * x)), wrt(W)) < 1e-6);
}

// Exactly one failed assertion each: the relative-error check.
BOOST_AUTO_TEST_CASE(a_wrong_rule_is_caught, *utf::expected_failures(1)) {
    constexpr auto loss = readout(detail::make_unary<broken_square_op>(W * x));
    BOOST_TEST(law<1>(loss, wrt(W)) > 0.1);  // about 1/2: half of the true gradient
}

// Exactly one failed assertion: the gradient is 0 everywhere (every unit dead), so the
// comparison alone would pass vacuously.
BOOST_AUTO_TEST_CASE(a_vacuous_check_is_caught, *utf::expected_failures(1)) {
    BOOST_TEST(law<1>(readout(relu(W * x - 100_c)), wrt(W)) < 1e-6);
}
