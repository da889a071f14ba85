/// @file
/// The umbrella header of host programs: every public header a host program uses, except
/// those that need a library besides Eigen and Boost: the embedded set (<exprnet/embedded.hpp>),
/// training (<exprnet/nn.hpp>), printing and drawing (to_string, print, dot, latex, emit_c) and
/// weights as a C++ header (io/cpp_header.hpp). The .npz and IDX readers need zlib, and so their
/// own includes: <exprnet/io/npz.hpp>, <exprnet/io/idx.hpp> (link ZLIB::ZLIB).
#pragma once

#include <exprnet/embedded.hpp>
#include <exprnet/eval/check_finite.hpp>
#include <exprnet/inspect/dot.hpp>
#include <exprnet/inspect/emit_c.hpp>
#include <exprnet/inspect/gate.hpp>
#include <exprnet/inspect/latex.hpp>
#include <exprnet/inspect/print.hpp>
#include <exprnet/inspect/to_string.hpp>
#include <exprnet/io/cpp_header.hpp>
#include <exprnet/io/error.hpp>
#include <exprnet/nn.hpp>
