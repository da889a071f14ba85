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

#define EXPRNET_MSG_MATMUL_SAME_SHAPES                                                         \
    "exprnet: A * B is the matrix product, and two operands of this one shape cannot be "      \
    "multiplied as matrices (A.cols != B.rows); the shapes are shown in "                      \
    "'matmul_inner_dimensions_must_match<shape<A>, shape<B>>' below. Fix: for the elementwise " \
    "product write hadamard(a, b); for a matrix product, transpose an operand."

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

#define EXPRNET_MSG_SCORES_WITHOUT_INPUT                                                       \
    "exprnet: loss(scores, labels): the scores depend on no input, so they do not have one "   \
    "column per sample as the labels do; the shapes are shown in "                             \
    "'loss_scores_depend_on_no_input<shape<scores>, shape<labels>>' below. Fix: feed the "     \
    "input through the network (e.g. W2 * relu(W1 * x + b1) + b2); the labels are right."

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
    "different shapes, or a param and an input with one name); both are shown in "              \
    "'symbols_share_a_name<symbol, symbol>' below. Fix: give each symbol a unique name."

#define EXPRNET_MSG_NOT_IN_ARENA                                                               \
    "exprnet: arena[symbol]: this param is not in the arena (it is not a parameter of the "    \
    "expression the arena was made for). Fix: make the arena with params_for<decltype(net)>."

#define EXPRNET_MSG_ARENA_TEMPORARY                                                            \
    "exprnet: arena[symbol] on a temporary arena: the map it returns would point into an "     \
    "arena destroyed at the end of the statement. Fix: keep the arena in a variable "          \
    "(params_for<E> p; auto W = p[W1];) and use the map only while the arena lives."

#define EXPRNET_MSG_ARENA_LACKS_PARAM                                                          \
    "exprnet: program call: the arena passed lacks a param the program needs. Fix: make it "   \
    "with params_for<decltype(expr)> (grads_for for gradients) of the compiled expression."

#define EXPRNET_MSG_DIRECTION_ARENA                                                            \
    "exprnet: jvp/hvp program call: the direction arena v must have the params arena's type "  \
    "(the params' layout: v[W] is the direction of W). Fix: declare it like the params, "      \
    "params_for<decltype(loss)> v; and call prog(p, v, hv, x = xb) (prog(p, v, x = xb) for jvp)."

#define EXPRNET_MSG_DIRECTION_NOT_A_PARAM                                                      \
    "exprnet: direction(P): only a param<> has a direction (the second arena holds one per "  \
    "param). Fix: pass a param, e.g. direction(W1)."

#define EXPRNET_MSG_HESSIAN_TOO_LARGE                                                          \
    "exprnet: hessian(loss, wrt(...)): the params listed have more scalars than the dense "    \
    "Hessian's limit, exprnet::hessian_limit (1024, a million entries, one hvp call per "      \
    "column); the count is shown in 'hessian_would_have_this_many_columns<n>' below. Fix: use "\
    "hvp(loss, wrt(...)) (H times a direction, e.g. in conjugate gradients), or list fewer params."

#define EXPRNET_MSG_MISSING_INPUT                                                              \
    "exprnet: program call: an input of the expression is not bound; it is shown in "         \
    "'input_is_not_bound<input>' below. Fix: pass it as x = matrix, one binding per input<>."

#define EXPRNET_MSG_DUPLICATE_BINDING                                                          \
    "exprnet: program call: an input is bound twice (x = a, x = b); it is shown in "           \
    "'input_is_bound_twice<input>' below. Fix: bind each input<> once."

#define EXPRNET_MSG_NOT_A_BINDING                                                              \
    "exprnet: program call: after the arenas (or sgd{lr}), every argument must be a binding "  \
    "x = data of an input<>; the argument is shown in 'argument_is_not_a_binding<type>' "      \
    "below. Fix: write x = xb, not xb."

#define EXPRNET_MSG_BINDING_TYPE                                                               \
    "exprnet: x = data: the data must be an Eigen matrix, array, map, block or expression; "   \
    "the input and the data are shown in 'input_data_is_not_eigen<input, data>' below. Fix: "  \
    "wrap a buffer in Eigen::Map<const Eigen::MatrixXf>(pointer, rows, columns)."

#define EXPRNET_MSG_BINDING_SCALAR                                                             \
    "exprnet: x = matrix: the data's scalar type is not the program's (float, unless "         \
    "compiled with scalar_type<double>); the input and both scalars are shown in "             \
    "'input_scalar_differs_from_the_programs<input, data scalar, program scalar>' below. "     \
    "Fix: convert the data once (Eigen::MatrixXf xf = xd.cast<float>();) or compile with "     \
    "scalar_type<double>."

#define EXPRNET_MSG_BINDING_ROWS                                                               \
    "exprnet: x = matrix: the data's row count, known at compile time, is not the input's; "   \
    "the input and the data's rows are shown in 'input_rows_differ_from_data<input, "          \
    "data_rows<R>>' below. Fix: bind one row per input value (input<\"x\", R> takes R x N data)."

#define EXPRNET_MSG_BINDING_COLUMNS                                                            \
    "exprnet: program call: the data's column count, known at compile time, is not the "       \
    "batch<N> the program was compiled for; the input, the data's columns and the batch are "  \
    "shown in 'input_columns_differ_from_batch<input, data_cols<C>, batch_size<N>>' below. "   \
    "Fix: bind exactly N columns (one per sample), or compile with dynamic_batch."

#define EXPRNET_MSG_BINDING_COLUMNS_DIFFER                                                     \
    "exprnet: program call: two inputs are bound to data with different column counts, known " \
    "at compile time, but a call has one column per sample in every input; they are shown in " \
    "'inputs_have_different_columns<input, data_cols<C>, input, data_cols<C>>' below. Fix: "   \
    "bind the same samples to every input."

#define EXPRNET_MSG_BINDING_EXPRESSION                                                         \
    "exprnet: x = expression: this Eigen expression has no storage to read, and it is not "    \
    "small enough to evaluate into the binding without the heap (exprnet does that for fixed " \
    "sizes up to EIGEN_STACK_ALLOCATION_LIMIT bytes); the input is shown in "                  \
    "'input_data_must_be_evaluated<input>' below. Fix: evaluate it into a matrix once, outside " \
    "the loop (const Eigen::MatrixXf xb = expr;) and bind that, or bind (expr).eval() to "     \
    "accept an allocation per call."

#define EXPRNET_MSG_BINDING_LAYOUT                                                             \
    "exprnet: x = matrix: the data is not stored column by column (a row-major matrix, a "     \
    "block of rows, a map with strides), and it is not small enough to copy into the binding " \
    "without the heap (exprnet does that for fixed sizes up to EIGEN_STACK_ALLOCATION_LIMIT "  \
    "bytes); the input is shown in 'input_data_is_not_column_major<input>' below. Fix: copy it " \
    "once into a column-major matrix (const Eigen::MatrixXf xc = data;), or bind whole columns " \
    "of one (X.middleCols(j, n))."

#define EXPRNET_MSG_ARENA_SCALAR                                                               \
    "exprnet: program call: the arena's scalar type is not the program's (float, unless "       \
    "compiled with scalar_type<double>). Fix: params_for<decltype(expr), double> and "           \
    "grads_for<..., double> for a scalar_type<double> program, or float arenas for a float one."

#define EXPRNET_MSG_BATCH_SQUARED                                                              \
    "exprnet: A * B: the product would be batch x batch (one row and one column per sample, "  \
    "e.g. transpose(x) * x), and exprnet plans workspaces linear in the batch size; the "      \
    "shapes are shown in 'product_would_be_batch_by_batch<shape<A>, shape<B>>' below. Fix: "   \
    "reorder the product (x * transpose(x) is rows x rows)."

#define EXPRNET_MSG_LOSS_NOT_SCALAR                                                            \
    "exprnet: grad / compile(loss, wrt(...)) needs a 1x1 loss. Fix: reduce it with sum(), "    \
    "mean() or a loss function."

#define EXPRNET_MSG_BATCH_OPTION                                                               \
    "exprnet: compile<...>: options are batch<N> (N > 0), dynamic_batch, "                    \
    "scalar_type<float or double> and check_finite."

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

#define EXPRNET_MSG_QUANT_FORM                                                                 \
    "exprnet: quant::compile / quant::qparams_for: int8 inference runs chains of fully "       \
    "connected layers, act(W * h + b) with h the input or the layer before, b optional and "   \
    "act none, relu or one elementwise op (as a table); this network has another form (a "    \
    "max or sum of two branches, a product of two layers, ...). Fix: write it as such a chain, " \
    "or run it in float."

#define EXPRNET_MSG_QUANT_BATCH                                                                \
    "exprnet: quant::compile<...>: int8 programs take batch<N> with N > 0 (no dynamic_batch)."
#define EXPRNET_MSG_DATA_PARALLEL                                                              \
    "exprnet: data_parallel<Parts, Program> / parallel<Parts>(program): splits the columns of a "   \
    "training program's call into Parts parts: Program must be compile<batch<N>>(loss, wrt(...)) " \
    "(a fixed batch and gradients), Parts >= 1, and the call data_parallel(p, g, x = ...) with "   \
    "bindings. Fix: compile the training program for the part's batch, e.g. "                     \
    "parallel<2>(compile<batch<64>>(loss, wrt(W1, ...))) for 128 columns."

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
template <class Scores, class Labels>
struct loss_scores_depend_on_no_input;
template <class A, class B>
struct product_would_be_batch_by_batch;
template <class Symbol, class OtherSymbol>
struct symbols_share_a_name;
template <long Columns>
struct hessian_would_have_this_many_columns;

// Program calls: the input<> symbol first, then the evidence.
template <class Input>
struct input_is_not_bound;
template <class Input>
struct input_is_bound_twice;
template <class Argument>
struct argument_is_not_a_binding;
template <class Input, class Data>
struct input_data_is_not_eigen;
template <class Input, class DataScalar, class ProgramScalar>
struct input_scalar_differs_from_the_programs;
template <class Input, class DataRows>
struct input_rows_differ_from_data;
template <class Input, class DataCols, class BatchSize>
struct input_columns_differ_from_batch;
template <class Input, class DataCols, class OtherInput, class OtherDataCols>
struct inputs_have_different_columns;
template <class Input>
struct input_data_must_be_evaluated;
template <class Input>
struct input_data_is_not_column_major;
template <int Rows>
struct data_rows;
template <int Cols>
struct data_cols;
template <int N>
struct batch_size;

/// `show<T>` names the incomplete type T in an error, which makes the compiler print it.
/// (An alias, not a function: clang 14 crashes when it constant-evaluates a function whose
/// body is in error, which is what a constexpr variable initialised with a bad network does.)
template <class T>
using show = decltype(sizeof(T));

}  // namespace exprnet::diagnostic
