/// @file
/// The umbrella header: every stable public header of exprnet that needs no extra library
/// (the embedded set, <exprnet/embedded.hpp>, plus printing expressions as text).
/// Training helpers: <exprnet/nn.hpp>; files: <exprnet/io/...>; the other inspect tools:
/// <exprnet/inspect/...>.
#pragma once

#include <exprnet/embedded.hpp>
#include <exprnet/inspect/to_string.hpp>
