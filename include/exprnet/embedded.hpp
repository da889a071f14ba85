/// @file
/// The umbrella header of embedded builds: expressions, differentiation, programs, arenas, SGD
/// and weights compiled in as constexpr arrays (io/arrays.hpp). Nothing here prints, opens
/// files, throws or allocates: no <string>, <vector>, <cstdio> or <iostream> among exprnet's own
/// includes (tests/embedded_headers.cmake checks this). <exprnet/exprnet.hpp> adds printing.
#pragma once

#include <exprnet/version.hpp>

#include <exprnet/core/diagnostics.hpp>
#include <exprnet/core/fixed_string.hpp>
#include <exprnet/core/shape.hpp>
#include <exprnet/diff/grad.hpp>
#include <exprnet/diff/hvp.hpp>
#include <exprnet/diff/tangent.hpp>
#include <exprnet/diff/wrt.hpp>
#include <exprnet/eval/arena.hpp>
#include <exprnet/eval/compile.hpp>
#include <exprnet/eval/hessian.hpp>
#include <exprnet/eval/layout.hpp>
#include <exprnet/eval/program.hpp>
#include <exprnet/eval/sgd.hpp>
#include <exprnet/expr/leaf.hpp>
#include <exprnet/expr/losses.hpp>
#include <exprnet/expr/operators.hpp>
#include <exprnet/graph/topo.hpp>
#include <exprnet/io/arrays.hpp>
