/// @file
/// Internals of inspect/print.hpp and inspect/emit_c.hpp: the printer of a step's operand (a
/// `slot`, eval/local.hpp), which prints as the name the printing context gives it: the value
/// it reads in a listing, the C name of the block it reads in emitted C.
/// Shapes: none printed. Backward: none. Evaluation: host-only (std::string).
#pragma once

#include <exprnet/eval/local.hpp>
#include <exprnet/inspect/to_string.hpp>

#include <string>

namespace exprnet {

/// An operand of a step (a value read from memory) prints as the name of that value.
template <int K, int R, int C, int Order, bool Aligned, bool Param>
struct printer<detail::slot<K, R, C, Order, Aligned, Param>> {
    template <class Ctx>
    static void print(std::string& out, const Ctx& ctx) {
        out += *ctx.template name_of<detail::slot<K, R, C, Order, Aligned, Param>>();
    }
};

}  // namespace exprnet
