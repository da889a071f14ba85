/// @file
/// Test support: laws every drawing of backward_dot obeys, for any loss: every node the chain
/// rule builds is drawn in a gate's colour and attributed to a gate (inspect/detail/
/// backward_roles.hpp); every other node drawn is a grey forward value; each param's gradient
/// is labelled d<name>; Graphviz accepts the text (when installed).
#pragma once

#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/inspect/dot.hpp>

#include "support/dot_checks.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <type_traits>

namespace dot_laws {

using namespace exprnet;

/// Pred<N>: N is not a node of T.
template <class T>
struct not_in {
    template <class N>
    struct pred : std::bool_constant<!detail::contains_t<N, nodes_of_t<T>>::value> {};
};

/// Checks the laws on backward_dot(loss, wrt(ps...)); `name` names the net in messages.
template <class Loss, class... Ps>
void check_laws(Loss loss, const char* name, Ps... ps) {
    const std::string text = backward_dot(loss, wrt(ps...));
    const auto g = dot_checks::parse(text);
    using nodes = nodes_of_t<grad_t<Loss, Ps>...>;
    using made = typename detail::filter<nodes, not_in<Loss>::template pred>::type;  // not forward
    // Every built node is attributed to a gate (the replay of the chain rule saw it).
    using roles = detail::backward_roles<Loss, detail::type_list<Ps...>, nodes>;
    const auto indices = []<class... Ns>(detail::type_list<Ns...>) {
        return std::array<std::size_t, sizeof...(Ns) + 1>{detail::index_of_t<Ns, nodes>::value..., 0};
    }(made{});
    for (std::size_t i = 0; i < made::size; ++i) {
        const std::size_t k = indices[i];
        BOOST_TEST(roles::value_tables.owned[k], name << ": n" << k << " has no gate");
        BOOST_TEST(g.nodes.count(int(k)) == 1u, name << ": n" << k << " not drawn");
        if (g.nodes.count(int(k)) && !g.has(int(k), "plaintext"))
            BOOST_TEST((g.has(int(k), "filled") && !g.has(int(k), "#f5f5f5") && !g.has(int(k), "fillcolor=\"#ffffff\"")),
                       name << ": n" << k << " (" << g.label(int(k)) << ") is not in a gate's colour");
    }
    // Drawn forward values are grey; every node drawn is either built or such a value.
    int grey = 0;
    for (const auto& [k, a] : g.nodes) grey += g.has(k, "fontcolor=\"#757575\"");
    BOOST_TEST(g.nodes.size() == made::size + std::size_t(grey), name);
    // d<name> on each param's gradient.
    for (const std::string& p : {to_string(ps)...}) BOOST_TEST(g.labelled("d" + p + "\n").size() == 1u, name << ": d" << p);
    dot_checks::check_with_graphviz(text, name);
}

}  // namespace dot_laws
