/// @file
/// Defines the Boost.Hana view of an expression's graph: `params_of(e)`, `inputs_of(e)` and
/// `nodes_of(e)` as Hana sequences of types (`hana::tuple<hana::type<T>...>`, children before
/// parents), `wrt(sequence)` to train the params a Hana algorithm selected, and the predicates
/// `name_starts_with<"dec">` and `name_is<"W1">` over param or input types. With them, what to
/// train and compile-time passes over a network are written as Hana code:
///
///     auto decoder = hana::filter(params_of(loss), name_starts_with<"dec">);
///     auto train = compile<batch<64>>(loss, wrt(decoder));  // the other params frozen
///
/// Opt-in (not in <exprnet/exprnet.hpp>): the core does not parse Hana, whose headers cost
/// compile time (docs/hana.md has the measurement).
/// Shapes: none. Backward: `wrt(sequence)` is `wrt(P...)` for the params in it, so a param left
/// out gets no gradient and no backward code. Evaluation: compile time only.
#pragma once

#include <exprnet/core/fixed_string.hpp>
#include <exprnet/diff/wrt.hpp>
#include <exprnet/graph/topo.hpp>

#include <boost/hana/bool.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/type.hpp>
#include <boost/hana/unpack.hpp>

namespace exprnet {

namespace detail {

template <class List>
struct hana_types;
template <class... Ts>
struct hana_types<type_list<Ts...>> {
    static constexpr auto value = boost::hana::tuple_t<Ts...>;
};

}  // namespace detail

/// The params of e, in graph order (children before parents), as a Hana sequence of types.
template <expression E>
constexpr auto params_of(E) {
    return detail::hana_types<params_of_t<E>>::value;
}

/// The inputs of e, in graph order, as a Hana sequence of types.
template <expression E>
constexpr auto inputs_of(E) {
    return detail::hana_types<inputs_of_t<E>>::value;
}

/// Every distinct node of e, children before parents (e last), as a Hana sequence of types.
template <expression E>
constexpr auto nodes_of(E) {
    return detail::hana_types<nodes_of_t<E>>::value;
}

/// `wrt(s)`: the params of a Hana sequence of types (from params_of and Hana's algorithms), as
/// `wrt(P...)`; every element must be a param (the same message as wrt's otherwise).
template <class... Ps>
constexpr auto wrt(boost::hana::tuple<Ps...> params) {
    return boost::hana::unpack(params, [](auto... p) { return wrt(typename decltype(p)::type{}...); });
}

/// Predicates over a Hana type of a param or an input, for hana::filter and friends: a
/// compile-time hana::bool_.
template <fixed_string Prefix>
inline constexpr auto name_starts_with = [](auto symbol) {
    return boost::hana::bool_c<decltype(symbol)::type::name.view().starts_with(Prefix.view())>;
};
template <fixed_string Name>
inline constexpr auto name_is = [](auto symbol) {
    return boost::hana::bool_c<decltype(symbol)::type::name.view() == Name.view()>;
};

}  // namespace exprnet
