/// @file
/// The catalogue of every compile-time diagnostic exprnet issues: one message per misuse,
/// written as a sentence that names the operation and the fix (docs/diagnostics.md explains each).
/// Shapes: the offending shapes are shown by instantiating one of the undefined templates below,
/// whose name is the sentence and whose arguments are the shapes (-1 means "one column per sample").
/// Backward/Evaluation: none.
#pragma once

// Note to the lost user: the line of your code that caused the error is further down in the
// compiler's "required from" notes; the shapes are in the undefined template named just below.

#define EXPRNET_MSG_MATMUL_SHAPES                                                              \
    "exprnet: A * B (matrix product) needs A.cols == B.rows; the two shapes are shown in "     \
    "'matmul_inner_dimensions_must_match<shape<A>, shape<B>>' below. Fix: check the layer "    \
    "sizes (W is out x in, x is in x batch), or transpose an operand."

#define EXPRNET_MSG_ELEMENTWISE_SHAPES                                                         \
    "exprnet: A + B, A - B, hadamard(A, B) and max(A, B) need equal shapes, or one operand "   \
    "1x1, an Rx1 column or a 1xC row that broadcasts over the other; the shapes are shown in " \
    "'elementwise_shapes_must_match<shape<A>, shape<B>>' below. Fix: make the bias a column "  \
    "of the layer's output size (param<\"b\", out>)."

#define EXPRNET_MSG_LOSS_LABEL_SHAPE                                                           \
    "exprnet: loss(scores, labels) needs labels of the same shape as scores (one one-hot "     \
    "column per sample); the shapes are shown in "                                            \
    "'loss_labels_must_match_scores<shape<scores>, shape<labels>>' below. Fix: declare the "   \
    "labels as input<\"y\", number_of_classes>."

#define EXPRNET_MSG_LABELS_DEPEND_ON_PARAMS                                                    \
    "exprnet: loss(scores, labels): the labels must not depend on a param (they are data). "   \
    "Fix: pass an input<> or a constant expression as labels."

#define EXPRNET_MSG_WRT_NOT_A_PARAM                                                            \
    "exprnet: wrt(...) takes only param<> symbols; an input, a constant or a subexpression "   \
    "has no slot in the gradient arena. Fix: list the params you train, e.g. wrt(W1, b1)."

#define EXPRNET_MSG_WRT_NOT_IN_EXPRESSION                                                      \
    "exprnet: grad(loss, wrt(...)): a param listed in wrt(...) does not appear in the loss, "  \
    "so it has no gradient; it is shown in 'param_does_not_appear_in_expression<param>' below." \
    " Fix: remove it from wrt(...) or check the name and the shapes of the symbol."

#define EXPRNET_MSG_RUNTIME_NUMBER                                                             \
    "exprnet: a run-time number cannot be part of an expression type (the type is the graph)." \
    " Fix: write a compile-time constant, e.g. 0.5_c with 'using namespace exprnet::literals' " \
    "or exprnet::ratio_c<1, 2>."

#define EXPRNET_MSG_PARAM_SIZES                                                                \
    "exprnet: param<\"name\", rows, cols> and input<\"name\", rows> need positive sizes."

#define EXPRNET_MSG_DUPLICATE_NAME                                                             \
    "exprnet: two different symbols share one name (a param or input declared twice with "    \
    "different shapes, or a param and an input with one name). Fix: give each symbol a "       \
    "unique name."

#define EXPRNET_MSG_NOT_IN_ARENA                                                               \
    "exprnet: arena[symbol]: this param is not in the arena (it is not a parameter of the "    \
    "expression the arena was made for). Fix: make the arena with params_for<decltype(net)>."

#define EXPRNET_MSG_ARENA_LACKS_PARAM                                                          \
    "exprnet: program call: the arena passed lacks a param the program needs. Fix: make it "   \
    "with params_for<decltype(expr)> (grads_for for gradients) of the compiled expression."

#define EXPRNET_MSG_MISSING_INPUT                                                              \
    "exprnet: program call: an input of the expression is not bound. Fix: pass it as "         \
    "x = matrix, one binding per input<>."

#define EXPRNET_MSG_BINDING_TYPE                                                               \
    "exprnet: x = matrix: the matrix must be a column-major Eigen matrix or map of the "       \
    "program's scalar type with as many rows as the input, and one column per sample."

#define EXPRNET_MSG_ARENA_SCALAR                                                               \
    "exprnet: program call: the arena's scalar type is not the program's (float, unless "       \
    "compiled with scalar_type<double>). Fix: params_for<decltype(expr), double> and "           \
    "grads_for<..., double> for a scalar_type<double> program, or float arenas for a float one."

#define EXPRNET_MSG_BATCH_SQUARED                                                              \
    "exprnet: compile(...): an intermediate would be batch x batch (e.g. x' * x); exprnet "    \
    "plans workspaces linear in the batch size. Fix: reorder the product."

#define EXPRNET_MSG_LOSS_NOT_SCALAR                                                            \
    "exprnet: grad / compile(loss, wrt(...)) needs a 1x1 loss. Fix: reduce it with sum(), "    \
    "mean() or a loss function."

#define EXPRNET_MSG_BATCH_OPTION                                                               \
    "exprnet: compile<...>: options are batch<N> (N > 0), dynamic_batch and "                 \
    "scalar_type<float or double>."

#define EXPRNET_MSG_SGD_IN_PLACE                                                               \
    "exprnet: program(p, sgd{lr}, ...): this network cannot be updated in place, because a "  \
    "gradient reads a param that another update has already changed (or its own param through " \
    "a product or transpose). Fix: call program(p, g, ...) with a grads_for<> arena, then "    \
    "update p from g."

#define EXPRNET_MSG_OPTIMIZER_LAYOUT                                                           \
    "exprnet: optimizer step(p, g): the gradient arena does not match the parameter arena "   \
    "(other params, layout or scalar type). Fix: pass grads_for<E> of the same E and scalar "  \
    "as the params_for<E> the optimizer was declared for."

#define EXPRNET_MSG_EMIT_C_DYNAMIC_BATCH                                                       \
    "exprnet: emit_c(program): the C code has static arrays, so the program needs a fixed "    \
    "batch. Fix: compile<batch<N>>(...) for the batch size the C code will run."

#define EXPRNET_MSG_OP_FACET                                                                   \
    "exprnet: an elementwise op lacks a facet; the op and the facet are shown in "            \
    "'elementwise_op_lacks<op, facet::name>' below. Fix: define every facet of the op in its " \
    "struct (print, latex, gate, c99, forward, partial): see docs/extending.md."

namespace exprnet::diagnostic {

// The undefined templates that show shapes and symbols to the user. Never defined.
template <class A, class B>
struct matmul_inner_dimensions_must_match;
template <class A, class B>
struct elementwise_shapes_must_match;
template <class Scores, class Labels>
struct loss_labels_must_match_scores;
template <class Param>
struct param_does_not_appear_in_expression;
template <class Symbol>
struct symbol_is_not_a_param;
template <class Op, class Facet>
struct elementwise_op_lacks;

/// `show<T>` names the incomplete type T in an error, which makes the compiler print it.
/// (An alias, not a function: clang 14 crashes when it constant-evaluates a function whose
/// body is in error, which is what a constexpr variable initialised with a bad network does.)
template <class T>
using show = decltype(sizeof(T));

}  // namespace exprnet::diagnostic
