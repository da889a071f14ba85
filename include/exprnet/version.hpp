/// @file
/// Defines the exprnet version macros (CMake reads them from here).
/// Shapes: none. Backward: none. Evaluation: none.
#pragma once

#define EXPRNET_VERSION_MAJOR 0
#define EXPRNET_VERSION_MINOR 1
#define EXPRNET_VERSION_PATCH 0
