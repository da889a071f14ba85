// The load_npz harness for one scalar type: a small network's arena, filled with a sentinel
// before each load; a failed load must leave every value as it was, and a successful one must
// leave only finite values (load_npz refuses NaN and inf by default).
#pragma once

#include "harness.hpp"

#include <exprnet/embedded.hpp>  // params_for; the core only, to keep the harness quick to build
#include <exprnet/io/npz.hpp>

#include <cstddef>
#include <cstdint>

namespace fuzz {

constexpr auto x = exprnet::input<"x", 3>;
constexpr auto W1 = exprnet::param<"W1", 4, 3>;
constexpr auto b1 = exprnet::param<"b1", 4>;
constexpr auto W2 = exprnet::param<"W2", 2, 4>;
constexpr auto net = W2 * exprnet::relu(W1 * x + b1);

template <class Scalar>
int load_npz_once(const std::uint8_t* data, std::size_t size) {
    const auto& file = input_file(".npz");
    write(file, data, size);
    exprnet::params_for<decltype(net), Scalar> p;
    p.flat().setConstant(Scalar(-7));
    if (refuses_cleanly([&] { exprnet::io::load_npz(file, p); })) {
        if (!p.flat().allFinite()) broken("load_npz accepted a value that is not finite");
    } else if (!(p.flat().array() == Scalar(-7)).all()) {
        broken("a failed load_npz changed the arena");
    }
    return 0;
}

}  // namespace fuzz
