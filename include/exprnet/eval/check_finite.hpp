/// @file
/// Defines the `check_finite` option of compile: `compile<batch<64>, check_finite>(loss, wrt(...))`
/// gives a program that, after every step, looks at the values the step wrote; the first NaN or
/// inf stops the call with EXPRNET_ASSERT and a message naming the step as print(program) shows
/// it, the pass (forward or backward) and the place:
///
///   exprnet: check_finite: the forward pass produced inf at row 4, column 17 (from 0) in step 3
///   of 9: t2 = exp(W2 * t1 + b2);
///
/// NaN spreads: from the first step that produces one, every later value it reaches is NaN, so
/// the first report is where it started. Without the option the program is the same type as
/// before and runs no check at all (bench/exprnet_train_tiny.cpp and exprnet_train_mnist.cpp
/// measure both). Building the message prints the program (inspect/print.hpp): this header is
/// for hosted builds.
/// Shapes/Backward: none. Evaluation: one pass over each step's result, only with the option.
#pragma once

#include <exprnet/core/assert.hpp>
#include <exprnet/eval/compile.hpp>
#include <exprnet/inspect/print.hpp>

#include <Eigen/Core>

#include <cmath>
#include <string>

namespace exprnet {

/// The compile option; see the file comment.
struct check_finite {};

namespace detail {

template <class Program>
void report_non_finite(int job, Eigen::Index row, Eigen::Index col, double value) {
    const auto [section, line] = listing<Program>{}.job(job);
    constexpr int jobs = listing<Program>::table::job_count;
    const std::string pass = section == "forward" || section == "backward" ? "the " + section + " pass" : section;
    const std::string message = "exprnet: check_finite: " + pass + " produced " +
                                (std::isnan(value) ? "NaN" : value > 0 ? "inf" : "-inf") + " at row " + std::to_string(row) +
                                ", column " + std::to_string(col) + " (from 0) in step " + std::to_string(job + 1) + " of " +
                                std::to_string(jobs) + ": " + line;
    EXPRNET_ASSERT(false, message.c_str());
}

}  // namespace detail
}  // namespace exprnet
