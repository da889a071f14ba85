/// @file
/// Defines `detail::shape_text(rows, cols)`: a shape as the inspection output prints it,
/// "100×784", with N for the batch. Shared by the printed program and the graphs.
/// Shapes: batch_dim prints as N. Backward/Evaluation: none; host-only (std::string).
#pragma once

#include <exprnet/core/shape.hpp>

#include <string>

namespace exprnet::detail {

inline std::string shape_text(int rows, int cols) {
    const auto dim = [](int d) { return d == batch_dim ? std::string("N") : std::to_string(d); };
    return dim(rows) + "×" + dim(cols);
}

}  // namespace exprnet::detail
