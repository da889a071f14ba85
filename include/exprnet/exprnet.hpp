/// @file
/// The umbrella header: every stable public header of exprnet.
#pragma once

#include <exprnet/version.hpp>

#include <exprnet/core/diagnostics.hpp>
#include <exprnet/core/fixed_string.hpp>
#include <exprnet/core/shape.hpp>
#include <exprnet/diff/grad.hpp>
#include <exprnet/diff/wrt.hpp>
#include <exprnet/eval/arena.hpp>
#include <exprnet/eval/compile.hpp>
#include <exprnet/eval/layout.hpp>
#include <exprnet/eval/program.hpp>
#include <exprnet/eval/sgd.hpp>
#include <exprnet/expr/leaf.hpp>
#include <exprnet/expr/losses.hpp>
#include <exprnet/expr/operators.hpp>
#include <exprnet/graph/topo.hpp>
#include <exprnet/inspect/to_string.hpp>
