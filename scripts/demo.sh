#!/usr/bin/env bash
# Builds and runs the classify2d demo (examples/classify2d/) with g++ in Release: nine two-layer
# nets on CS231n's spiral data, their derived backward expressions, a table of loss and
# accuracy, and their decision boundaries as PNG images in build/demo/classify2d-out/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/deps.sh

# Warnings stay visible but do not stop the demo; scripts/test.sh is where they are errors.
cmake -S . -B build/demo -G Ninja -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Release \
      -DEXPRNET_BUILD_EXAMPLES=ON -DEXPRNET_BUILD_TESTS=OFF -DEXPRNET_BUILD_BENCH=OFF \
      -DEXPRNET_WERROR=OFF
cmake --build build/demo --target example.classify2d -j "$(nproc)"
out="$PWD/build/demo/classify2d-out"
echo "==== running example.classify2d"
./build/demo/examples/example.classify2d "$out"
echo "==== the nine decision boundaries are in $out/ (contact sheet: $out/classify2d.png)"
