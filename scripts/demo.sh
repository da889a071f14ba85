#!/usr/bin/env bash
# Builds and runs the two-layer network demo (examples/two_layer_net.cpp) with g++ in Release.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/deps.sh

# Warnings stay visible but do not stop the demo; scripts/test.sh is where they are errors.
cmake -S . -B build/demo -G Ninja -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Release \
      -DEXPRNET_BUILD_EXAMPLES=ON -DEXPRNET_BUILD_TESTS=OFF -DEXPRNET_BUILD_BENCH=OFF \
      -DEXPRNET_WERROR=OFF
cmake --build build/demo --target example.two_layer_net -j "$(nproc)"
echo "==== running example.two_layer_net"
./build/demo/examples/example.two_layer_net
