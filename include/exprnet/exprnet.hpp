/// @file
/// The umbrella header: every stable public header of exprnet.
#pragma once

#include <exprnet/version.hpp>
