/// @file
/// Defines `quant::dense_layer<W, B, Act>` and `quant::layers_of<E>`: a network expression read
/// as the chain of fully connected layers that int8 inference runs, each act(W · h + b), where h
/// is the input or the layer before, b is optional and act is nothing, relu (folded into the
/// output clamp) or any other elementwise unary op (a 256-entry lookup table).
/// Shapes: W is out × in, b out × 1; the chain starts at one input. Backward: none.
/// Evaluation: quant/program.hpp runs the layers in order; an expression of another form is
/// `supported == false`, which quant::compile reports with a catalogued message.
#pragma once

#include <exprnet/detail/type_list.hpp>
#include <exprnet/expr/binary.hpp>
#include <exprnet/expr/broadcast.hpp>
#include <exprnet/expr/leaf.hpp>
#include <exprnet/expr/matmul.hpp>
#include <exprnet/expr/unary.hpp>
#include <exprnet/ops/activation.hpp>

#include <type_traits>

namespace exprnet::quant {

/// No activation (the layer's output is W · h + b itself).
struct no_activation {};

/// One fully connected layer: Weight a param out × in, Bias a param out × 1 or void, Act
/// no_activation, relu_op or another unary op (a lookup table).
template <class Weight, class Bias, class Act>
struct dense_layer {
    using weight = Weight;
    using bias = Bias;
    using activation = Act;
    static constexpr int outputs = Weight::rows;
    static constexpr int inputs = Weight::cols;
    static constexpr bool clamps = std::is_same_v<Act, relu_op>;
    static constexpr bool has_table = !clamps && !std::is_same_v<Act, no_activation>;
};

namespace detail {

template <class E>
struct chain {
    static constexpr bool supported = false;
    using input = void;
    using layers = exprnet::detail::type_list<>;
};

template <fixed_string Name, int Rows>
struct chain<input_leaf<Name, Rows>> {
    static constexpr bool supported = true;
    using input = input_leaf<Name, Rows>;
    using layers = exprnet::detail::type_list<>;
};

template <class Below, class Layer>
struct extend {
    static constexpr bool supported = Below::supported;
    using input = typename Below::input;
    using layers = typename exprnet::detail::push_back<typename Below::layers, Layer>::type;
};
template <class Below, class Layer>
    requires(!Below::supported)
struct extend<Below, Layer> : Below {};

// The linear part of a layer: W · h, W · h + b, b + W · h.
template <class E>
struct linear {
    static constexpr bool is = false;
};
template <fixed_string N, int R, int C, class H>
struct linear<matmul<param_leaf<N, R, C>, H>> {
    static constexpr bool is = true;
    using weight = param_leaf<N, R, C>;
    using bias = void;
    using below = H;
};
template <fixed_string N, int R, int C, class H, fixed_string BN, int Cols>
struct linear<binary<add_op, matmul<param_leaf<N, R, C>, H>, broadcast<param_leaf<BN, R, 1>, R, Cols>>> {
    static constexpr bool is = true;
    using weight = param_leaf<N, R, C>;
    using bias = param_leaf<BN, R, 1>;
    using below = H;
};
template <fixed_string N, int R, int C, class H, fixed_string BN, int Cols>
struct linear<binary<add_op, broadcast<param_leaf<BN, R, 1>, R, Cols>, matmul<param_leaf<N, R, C>, H>>>
    : linear<binary<add_op, matmul<param_leaf<N, R, C>, H>, broadcast<param_leaf<BN, R, 1>, R, Cols>>> {};

template <class L, class Act>
using layer_of = extend<chain<typename L::below>, dense_layer<typename L::weight, typename L::bias, Act>>;

template <class E>
    requires linear<E>::is
struct chain<E> : layer_of<linear<E>, no_activation> {};

template <class Op, class E>
    requires linear<E>::is
struct chain<unary<Op, E>> : layer_of<linear<E>, Op> {};

}  // namespace detail

/// The layers of E, input first: `supported`, `input` (the input leaf) and `layers`, a
/// type_list of dense_layer.
template <class E>
using layers_of = detail::chain<E>;

}  // namespace exprnet::quant
