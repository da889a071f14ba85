/// @file
/// Defines what an elementwise operation is made of: the facet types every op definition fills
/// in (how it prints in to_string and LaTeX, its gate in CS231n's words and its gate pattern,
/// its C99 code) and the concepts `unary_op_def` / `binary_op_def` that say which facets an op
/// must have. Everything exprnet knows about one op is one struct, in one ops/ header
/// (docs/extending.md); every consumer reads the facet from there.
/// Shapes: elementwise (the operands already broadcast to one shape). Backward: an op's
/// `partial` builds its local derivative. Evaluation: an op's `apply` (or `scalar` + `packet`)
/// is called by eval/ops.hpp with Eigen arrays; nothing here includes Eigen.
#pragma once

#include <exprnet/core/diagnostics.hpp>

#include <concepts>
#include <cstddef>
#include <string_view>
#include <type_traits>

namespace exprnet {

// Precedences of to_string: higher binds tighter.
inline constexpr int precedence_sum = 1;
inline constexpr int precedence_product = 2;
inline constexpr int precedence_unary = 3;
inline constexpr int precedence_atom = 4;

// Precedences of LaTeX: higher binds tighter. A base of ^ (transpose, square) must be primary.
inline constexpr int latex_sum = 1;      // a + b, a - b
inline constexpr int latex_product = 2;  // a \odot b, A B, c X
inline constexpr int latex_unary = 3;    // -a
inline constexpr int latex_power = 4;    // a^\top, a^{2}, \frac{a}{b}, 10^{-4}
inline constexpr int latex_primary = 5;  // names, numbers, calls, \mathbb{1}[...], ( ... )

/// Which of CS231n's gate patterns a backward rule is (the graphs colour nodes by it).
enum class gate_pattern : unsigned char {
    none,        ///< the seed dL/dL = 1, or a forward value
    distribute,  ///< add (and the left of a subtraction): G passes unchanged, no new node
    swap,        ///< multiply: dA = G ⊙ B, dB = G ⊙ A
    route,       ///< relu, leaky relu, elu, max: G times a mask (or slope) of the forward values
    reuse,       ///< sigmoid, tanh, exp: G times a function of their own output
    product,     ///< matrix product and transpose: G·Bᵀ, Aᵀ·G, Gᵀ
    batch_sum,   ///< broadcast: G summed over the copies (a bias: over the batch)
    spread,      ///< sum: G broadcast back to the operand's shape
    fused_loss,  ///< softmax cross-entropy: (softmax(s) - y) / N
    other,       ///< -, /, log, square, softmax: G times the local derivative
    branch,      ///< a value used twice: its gradients add
};

/// How a node of an op is written, in to_string or in LaTeX.
enum class notation : unsigned char {
    call,      ///< text(a) or text(a, b); with the op's `slope` unless it is `default_slope`
    infix,     ///< a text b, at `precedence`
    prefix,    ///< text a, at `precedence`
    postfix,   ///< a text, at `precedence` (the operand primary): a^{2}
    fraction,  ///< \frac{a}{b} (LaTeX)
    pattern,   ///< text with $a, $b and $slope replaced (brackets, piecewise slopes)
};

struct print_form {
    notation kind = notation::call;
    std::string_view text;
    int precedence = 0;           ///< infix, prefix, postfix (call and pattern: atoms)
    bool flat_right = false;      ///< infix: a + (b + c) prints as a + b + c
    std::string_view scaled = {}; ///< infix: the text between a constant left operand and b
};

/// `name(...)`: a call, printed as the name, as an atom.
constexpr print_form call(std::string_view name) { return {notation::call, name, precedence_atom}; }
/// `a op b`; `flat_right`: a right operand of the same op needs no parentheses.
constexpr print_form infix(std::string_view symbol, int precedence, bool flat_right = false, std::string_view scaled = {}) {
    return {notation::infix, symbol, precedence, flat_right, scaled};
}
constexpr print_form prefix(std::string_view symbol, int precedence) { return {notation::prefix, symbol, precedence}; }
constexpr print_form postfix(std::string_view symbol, int precedence) { return {notation::postfix, symbol, precedence}; }
/// A fixed text around the operands: "[$a > 0]" ($ never occurs in LaTeX math or in C).
constexpr print_form text_form(std::string_view text) { return {notation::pattern, text, precedence_atom}; }

/// A small C99 function the emitted file defines once, if used: `static T prefix_name(T p...)
/// { return body; }`, with `params` like "a, b".
struct c99_helper {
    std::string_view name;
    std::string_view params;
    std::string_view body;
};

/// The C99 of an op: `expr` is the element expression, with $a and $b the operands, $slope the
/// op's constant, $helper the helper's name, a number ($0, $1, $0.5) a literal of the scalar
/// type and any other $word the <math.h> function of that name (expf or exp). An operand that
/// is a whole argument of a call is written without its outer parentheses. The helper's body
/// uses the same placeholders, with its parameters by name.
struct c99_form {
    std::string_view expr;
    c99_helper helper = {};
};

/// The two gradients of a binary op, as gate text and pattern, by input position.
struct gate_pair {
    std::string_view text[2];
    gate_pattern pattern[2];
};

/// The scalar type of an Eigen array expression (for op definitions, which see no Eigen).
template <class A>
using scalar_of_t = typename std::remove_cvref_t<A>::Scalar;

namespace detail {

/// An op whose forward pass is a scalar function with a SIMD form (`scalar` and `packet`)
/// runs as this Eigen functor (eval/ops.hpp defines it).
template <class Op, class S>
struct op_functor;

}  // namespace detail

// ---- the facets an op must have ------------------------------------------------------------
// One concept per facet, so that the error of an incomplete op names the facet; the op itself
// is shown by the diagnostic template `elementwise_op_lacks<Op, Facet>` (core/diagnostics.hpp
// explains them), instantiated by `detail::check_op` below.

template <class Op>
concept has_print = requires { { Op::print } -> std::convertible_to<print_form>; };
template <class Op>
concept has_latex = requires { { Op::latex } -> std::convertible_to<print_form>; };
template <class Op>
concept has_c99 = requires { { Op::c99 } -> std::convertible_to<c99_form>; };
template <class Op>
concept has_unary_gate = requires {
    { Op::gate } -> std::convertible_to<std::string_view>;
    { Op::pattern } -> std::convertible_to<gate_pattern>;
};
template <class Op>
concept has_binary_gate = requires { { Op::gate } -> std::convertible_to<gate_pair>; };

namespace detail {
// Whether Op has a member of a name, whatever it is (a function template too): with a
// member of that name in Op, the name is ambiguous in a class derived from Op and the probe.
struct member_probe {
    int apply, scalar, partial;
};
template <class Op>
struct probed : Op, member_probe {};
}  // namespace detail

/// `apply(a...)` on Eigen arrays, or `scalar(a...)` with `packet(simd, a...)` and `cost`.
template <class Op>
concept has_forward = !requires { &detail::probed<Op>::apply; } ||
                      (!requires { &detail::probed<Op>::scalar; } && requires { Op::cost; });
template <class Op>
concept has_partial = !requires { &detail::probed<Op>::partial; };

namespace facet {
struct print;    ///< `static constexpr print_form print`: to_string and print
struct latex;    ///< `static constexpr print_form latex`: to_latex
struct gate;     ///< `gate` and `pattern` (unary), or `gate_pair gate` (binary)
struct c99;      ///< `static constexpr c99_form c99`: emit_c
struct forward;  ///< `static auto apply(const auto& a...)`, or `scalar`, `packet` and `cost`
struct partial;  ///< `partial(g, a, out)` (unary) or `partial<I>(g, a, b)` (binary)
}  // namespace facet

namespace detail {

template <class Op, class Facet, bool Present>
consteval bool facet_present() {
    if constexpr (!Present) {
        using shown_below [[maybe_unused]] = diagnostic::show<diagnostic::elementwise_op_lacks<Op, Facet>>;
    }
    return Present;
}

/// True if Op has every facet of an elementwise op of `Arity` operands; otherwise an error
/// that names the op and each missing facet.
template <class Op, int Arity>
consteval bool complete_op() {
    constexpr bool gate = Arity == 1 ? has_unary_gate<Op> : has_binary_gate<Op>;
    // Every facet is looked at (no short-circuit), so that each missing one is named; an array,
    // not `&` on bools, which clang's -Wbitwise-instead-of-logical rejects.
    constexpr bool present[] = {facet_present<Op, facet::print, has_print<Op>>(), facet_present<Op, facet::latex, has_latex<Op>>(),
                                facet_present<Op, facet::gate, gate>(), facet_present<Op, facet::c99, has_c99<Op>>(),
                                facet_present<Op, facet::forward, has_forward<Op>>(), facet_present<Op, facet::partial, has_partial<Op>>()};
    for (bool p : present)
        if (!p) return false;
    return true;
}

/// Checks an op once (however many nodes use it): one message for an incomplete op.
template <class Op, int Arity>
struct checked_op {
    static constexpr bool value = complete_op<Op, Arity>();
    static_assert(value, EXPRNET_MSG_OP_FACET);
};

}  // namespace detail

}  // namespace exprnet
