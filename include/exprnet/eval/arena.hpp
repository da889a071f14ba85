/// @file
/// Defines `arena<Params, Scalar, Role>`, one contiguous aligned block holding every parameter
/// (or every gradient) of a network, and the aliases `params_for<E>` and `grads_for<E>`.
/// Shapes: `p[W1]` is an `Eigen::Map` with W1's compile-time shape (100×784 is fine: maps have
/// no 128 KB limit). Backward: grads_for has the same layout as params_for, slot for slot.
/// Evaluation: storage is inline (no heap); make large arenas static or put them on the heap.
#pragma once

#include <exprnet/core/diagnostics.hpp>
#include <exprnet/eval/alignment.hpp>
#include <exprnet/eval/layout.hpp>
#include <exprnet/graph/topo.hpp>

#include <Eigen/Core>

#include <array>
#include <cstddef>
#include <type_traits>

namespace exprnet {

struct params_role {};
struct grads_role {};

/// RowMajor lists the params stored row-major (eval/layout.hpp); the others are column-major.
template <class Params, class Scalar, class Role, class RowMajor = detail::type_list<>>
class arena;

template <class... Ps, class Scalar, class Role, class RowMajor>
class arena<detail::type_list<Ps...>, Scalar, Role, RowMajor> {
public:
    using scalar = Scalar;
    using params = detail::type_list<Ps...>;
    using row_major = RowMajor;

    static constexpr std::size_t count = sizeof...(Ps);
    /// Number of trainable scalars (without padding).
    static constexpr std::size_t parameter_count = [] {
        const std::size_t sizes[] = {std::size_t(Ps::rows * Ps::cols)..., 0};
        std::size_t total = 0;
        for (std::size_t s : sizes) total += s;
        return total;
    }();
    static constexpr std::array<std::size_t, count + 1> offsets = [] {
        std::array<std::size_t, count + 1> o{};
        const std::size_t sizes[] = {std::size_t(Ps::rows * Ps::cols)..., 0};
        for (std::size_t i = 0; i < count; ++i) o[i + 1] = o[i] + padded_size(sizes[i]);
        return o;
    }();
    /// Scalars in the block, padding included (what an optimizer loops over).
    static constexpr std::size_t size = offsets[count];
    static constexpr std::size_t bytes = size * sizeof(Scalar);

    template <class P>
    static constexpr bool has = detail::contains_t<P, params>::value;

    /// Eigen::RowMajor or Eigen::ColMajor.
    template <class P>
    static constexpr int order_of =
        detail::contains_t<std::remove_cvref_t<P>, RowMajor>::value || (P::rows == 1 && P::cols != 1) ? Eigen::RowMajor
                                                                                               : Eigen::ColMajor;

    template <class P>
    using map_type = Eigen::Map<Eigen::Matrix<Scalar, P::rows, P::cols, order_of<P>>, Eigen::Aligned16>;
    template <class P>
    using const_map_type = Eigen::Map<const Eigen::Matrix<Scalar, P::rows, P::cols, order_of<P>>, Eigen::Aligned16>;

    template <class P>
    static constexpr std::size_t offset_of() {
        static_assert(has<P>, EXPRNET_MSG_NOT_IN_ARENA);
        return offsets[detail::index_of_t<P, params>::value];
    }

    /// `p[W1]`: a map onto W1's slot, valid while the arena lives.
    template <expression P>
    map_type<P> operator[](P) & noexcept {
        return map_type<P>(data_.data() + offset_of<P>());
    }
    template <expression P>
    const_map_type<P> operator[](P) const& noexcept {
        return const_map_type<P>(data_.data() + offset_of<P>());
    }
    /// A temporary arena (`params_for<E>{}[W1]`, `std::move(p)[W1]`) would return a map into
    /// storage destroyed at the end of the statement: a compile-time error, not a dangling map.
    /// (They return an empty map, so that the caller's code adds no error of its own.)
    template <expression P>
    map_type<P> operator[](P) && noexcept {
        static_assert(detail::dependent_false_v<P>, EXPRNET_MSG_ARENA_TEMPORARY);
        return map_type<P>(nullptr);
    }
    template <expression P>
    const_map_type<P> operator[](P) const&& noexcept {
        static_assert(detail::dependent_false_v<P>, EXPRNET_MSG_ARENA_TEMPORARY);
        return const_map_type<P>(nullptr);
    }

    constexpr Scalar* data() noexcept { return data_.data(); }
    constexpr const Scalar* data() const noexcept { return data_.data(); }

    /// The whole block as one vector (padding included, always zero unless written).
    Eigen::Map<Eigen::Matrix<Scalar, Eigen::Dynamic, 1>, Eigen::Aligned16> flat() noexcept {
        return {data_.data(), Eigen::Index(size)};
    }
    Eigen::Map<const Eigen::Matrix<Scalar, Eigen::Dynamic, 1>, Eigen::Aligned16> flat() const noexcept {
        return {data_.data(), Eigen::Index(size)};
    }
    void set_zero() noexcept { data_.fill(Scalar(0)); }

    /// Calls f(symbol, map) for every param, in the arena's order.
    template <class F>
    void for_each(F&& f) {
        [[maybe_unused]] const int done[] = {0, (f(Ps{}, (*this)[Ps{}]), 0)...};
    }
    template <class F>
    void for_each(F&& f) const {
        [[maybe_unused]] const int done[] = {0, (f(Ps{}, (*this)[Ps{}]), 0)...};
    }

private:
    alignas(block_alignment) std::array<Scalar, size> data_{};
};

/// The arena of an expression that failed to build (its mistake was reported where it was
/// made): every use compiles quietly, so that one mistake gives one message.
struct invalid_params {};

template <class Scalar, class Role, class RowMajor>
class arena<invalid_params, Scalar, Role, RowMajor> {
public:
    using scalar = Scalar;
    using params = detail::type_list<>;
    using row_major = RowMajor;
    static constexpr std::size_t count = 0;
    static constexpr std::size_t parameter_count = 0;
    static constexpr std::size_t size = 0;
    static constexpr std::size_t bytes = 0;

    template <expression P>
    Eigen::Map<Eigen::Matrix<Scalar, P::rows, P::cols>> operator[](P) const noexcept {
        return Eigen::Map<Eigen::Matrix<Scalar, P::rows, P::cols>>(nullptr);
    }
    Scalar* data() const noexcept { return nullptr; }
    Eigen::Map<Eigen::Matrix<Scalar, Eigen::Dynamic, 1>> flat() const noexcept {
        return Eigen::Map<Eigen::Matrix<Scalar, Eigen::Dynamic, 1>>(nullptr, 0);
    }
    void set_zero() noexcept {}
    template <class F>
    void for_each(F&&) const {}
};

namespace detail {
template <class E>
using arena_params_t = std::conditional_t<any_invalid_v<E>, invalid_params, params_of_t<E>>;
template <class E, class Scalar>
using arena_layout_t = std::conditional_t<any_invalid_v<E>, type_list<>, row_major_params_t<E, Scalar>>;
}  // namespace detail

/// The parameter arena of an expression: every `param<>` it contains, in order of appearance,
/// each stored in the order its use in E prefers (eval/layout.hpp).
template <class E, class Scalar = float>
using params_for = arena<detail::arena_params_t<E>, Scalar, params_role, detail::arena_layout_t<E, Scalar>>;

/// The gradient arena of an expression: same layout as params_for.
template <class E, class Scalar = float>
using grads_for = arena<detail::arena_params_t<E>, Scalar, grads_role, detail::arena_layout_t<E, Scalar>>;

}  // namespace exprnet
