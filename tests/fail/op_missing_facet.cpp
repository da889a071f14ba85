// Compile-fail: an elementwise op defined without one of its facets (here `latex`, the form
// to_latex writes) and used in an expression. Leaving a facet out is a compile-time error
// where the node is built, never a silent default: the catalogued message, and the undefined
// template elementwise_op_lacks<op, facet> that names the op and the missing facet.
// expect-error: exprnet: an elementwise op lacks a facet.*elementwise_op_lacks<softsign_op, exprnet::facet::latex>|elementwise_op_lacks<softsign_op, exprnet::facet::latex>.*exprnet: an elementwise op lacks a facet
//
// The ok build defines every facet and runs a training step, the ko build only leaves out
// `latex`: nothing else changes, so the op's other uses (print, emit_c, the gradient) must not
// add errors of their own.
#include <exprnet/exprnet.hpp>

#include <Eigen/Core>

using namespace exprnet;

/// softsign(x) = x / (1 + |x|), whose slope is 1 / (1 + |x|)².
struct softsign_op {
    static constexpr print_form print = call("softsign");
#if !defined(EXPRNET_SHOULD_FAIL)
    static constexpr print_form latex = call("\\operatorname{softsign}");
#endif
    static constexpr std::string_view gate = "softsign: G / (1 + |its input|)²";
    static constexpr gate_pattern pattern = gate_pattern::other;
    static constexpr c99_form c99 = {"$helper($a)", {"softsign", "a", "a / ($1 + $fabs(a))"}};
    static auto apply(const auto& a) {
        using S = scalar_of_t<decltype(a)>;
        return a / (S(1) + a.abs());
    }
    template <class G, class A, class H>
    static constexpr auto partial(G g, A a, H) {
        using detail::make_binary;
        return make_binary<div_op>(g, detail::make_unary<square_op>(make_binary<add_op>(ratio_c<1>, detail::make_unary<abs_op>(a))));
    }
};

constexpr auto x = input<"x", 3>;
constexpr auto y = input<"y", 2>;
constexpr auto W = param<"W", 2, 3>;
constexpr auto b = param<"b", 2>;
constexpr auto loss = mse(elementwise<softsign_op>(W * x + b), y);

int main() {
    auto train = compile<batch<2>>(loss, wrt(W, b));
    params_for<decltype(loss)> p;
    grads_for<decltype(loss)> g;
    p.for_each([](auto, auto m) { m.setConstant(0.5f); });
    const Eigen::Matrix<float, 3, 2> xb = Eigen::Matrix<float, 3, 2>::Ones();
    const Eigen::Matrix<float, 2, 2> yb = Eigen::Matrix<float, 2, 2>::Zero();
    return train(p, g, x = xb, y = yb) > 0.0f ? 0 : 1;
}
