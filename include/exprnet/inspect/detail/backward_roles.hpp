/// @file
/// Internal: `backward_roles<Loss, Wrt, Nodes>`, what the chain rule made each node of a graph
/// that holds gradients: which gate pattern built it, whether it is the value a rule returned,
/// and, for each forward value, which node is its gradient, how many uses it has and, with one,
/// the gate of that use. The one replay of the backward pass for inspection: the graphs
/// (inspect/dot.hpp) and the printed program (inspect/print.hpp) both read it.
/// Shapes: none. Backward: replays diff/grad.hpp from the loss back: for each forward value X
/// that a gradient flows through, each edge (parent P, position I) contributes
/// rule<P>::partial<I>(dP), whose new nodes are P's gate's; with several edges, the sums that
/// join them are the branch's. The first gate to build a node (nearest the loss) owns it.
/// Evaluation: compile time (tables), host-only.
#pragma once

#include <exprnet/diff/grad.hpp>
#include <exprnet/graph/topo.hpp>
#include <exprnet/inspect/gate.hpp>

#include <array>
#include <cstddef>
#include <string_view>
#include <utility>

namespace exprnet::detail {

template <class Loss, class Wrt, class Nodes>
struct backward_roles {
    using forward = nodes_of_t<Loss>;
    static constexpr std::size_t size = Nodes::size;
    static constexpr std::size_t forward_size = forward::size;

    struct tables {
        std::array<gate_pattern, size + 1> made_by{};  ///< the gate that built node k (none: forward)
        std::array<bool, size + 1> owned{};              ///< made_by is set (the first gate to build k)
        std::array<bool, size + 1> returned{};           ///< node k is what a rule returned
        std::array<int, forward_size + 1> gradient{};    ///< forward value -> node of its gradient, or -1
        std::array<bool, forward_size + 1> distributed{};  ///< its gradient is its parent's (add distributes)
        std::array<bool, forward_size + 1> gradient_leaf{};  ///< that gradient is a leaf (a constant, a param)
        std::array<int, forward_size + 1> uses{};            ///< edges into the forward value: > 1 is a branch
        std::array<std::string_view, forward_size + 1> gate{};  ///< with one use, its gate's text
    };

    /// Forward values a gradient flows through: the wrt params and every value above one.
    static constexpr std::array<bool, forward_size + 1> active = [] {
        std::array<bool, forward_size + 1> a{};
        [&]<class... Ps>(type_list<Ps...>) {
            ((contains_t<Ps, forward>::value ? void(a[index_of_t<Ps, forward>::value] = true) : void()), ...);
        }(Wrt{});
        for (std::size_t k = 0; k < forward_size; ++k)
            for (int c : edge_table<forward>::children[k])
                if (c >= 0 && a[std::size_t(c)]) a[k] = true;
        return a;
    }();

    template <class T>
    static constexpr void own(tables& t, gate_pattern g) {
        [&]<class... Ns>(type_list<Ns...>) {
            const auto one = [&]<class N>() {
                if constexpr (contains_t<N, Nodes>::value && !contains_t<N, forward>::value) {
                    constexpr std::size_t k = index_of_t<N, Nodes>::value;
                    if (!t.owned[k]) {
                        t.owned[k] = true;
                        t.made_by[k] = g;
                    }
                }
            };
            (one.template operator()<Ns>(), ...);
        }(nodes_of_t<T>{});
    }

    /// The contribution of edge E (into forward value K) to K's gradient.
    template <std::size_t K, std::size_t E>
    static constexpr void edge(tables& t) {
        constexpr auto& edges = edge_table<forward>::edges;
        using parent = at_t<std::size_t(edges.parent[E]), forward>;
        constexpr std::size_t position = std::size_t(edges.position[E]);
        using parent_gradient = grad_t<Loss, parent>;
        using term = decltype(rule<parent>::template partial<position>(parent_gradient{}));
        t.gate[K] = gate_rule<parent>::text(int(position));
        if constexpr (std::is_same_v<term, parent_gradient>) {
            t.distributed[K] = true;
        } else {
            own<term>(t, gate_rule<parent>::pattern(int(position)));
            if constexpr (contains_t<term, Nodes>::value && !contains_t<term, forward>::value)
                t.returned[index_of_t<term, Nodes>::value] = true;
        }
    }

    template <std::size_t K>
    static constexpr void value(tables& t) {
        if constexpr (active[K]) {
            using X = at_t<K, forward>;
            constexpr auto& edges = edge_table<forward>::edges;
            constexpr std::size_t first = std::size_t(edges.first[K]);
            constexpr std::size_t count = std::size_t(edges.first[K + 1]) - first;
            [&]<std::size_t... Es>(std::index_sequence<Es...>) {
                (edge<K, first + Es>(t), ...);
            }(std::make_index_sequence<count>{});
            using gradient = grad_t<Loss, X>;
            t.uses[K] = int(count);
            t.gradient_leaf[K] = gradient::children::size == 0;
            if constexpr (count > 1) {
                t.gate[K] = {};
                t.distributed[K] = false;  // a sum of several gradients is the branch's
                own<gradient>(t, gate_pattern::branch);
            }
            if constexpr (contains_t<gradient, Nodes>::value) t.gradient[K] = int(index_of_t<gradient, Nodes>::value);
        }
    }

    static constexpr tables value_tables = [] {
        tables t;
        for (int& g : t.gradient) g = -1;
        // From the loss back: a node shared by several gates belongs to the one nearest the loss.
        [&]<std::size_t... Ks>(std::index_sequence<Ks...>) {
            (value<forward_size - 1 - Ks>(t), ...);
        }(std::make_index_sequence<forward_size>{});
        return t;
    }();
};

}  // namespace exprnet::detail
