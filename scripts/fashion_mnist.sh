#!/usr/bin/env bash
# Builds the Fashion-MNIST example (examples/fashion_mnist/) with g++ in Release, -O3
# -march=native, and trains it on the full data set: 20 epochs by default. Arguments are passed
# to the example, e.g. `bash scripts/fashion_mnist.sh --epochs 5 --save weights.npz`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/deps.sh   # includes dataset-fashion-mnist and zlib1g-dev

# g++ 12 gives false warnings (uninitialized, array bounds) inside its AVX-512 intrinsics with
# -march=native (as in scripts/bench.sh): not errors here; scripts/test.sh is where they are.
cmake -S . -B build/fashion-mnist -G Ninja -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_CXX_FLAGS="-march=native -Wno-uninitialized -Wno-maybe-uninitialized -Wno-aggressive-loop-optimizations -Wno-array-bounds" \
      -DEXPRNET_BUILD_EXAMPLES=ON -DEXPRNET_BUILD_TESTS=OFF -DEXPRNET_BUILD_BENCH=OFF \
      -DEXPRNET_WERROR=OFF
cmake --build build/fashion-mnist --target example.fashion_mnist -j "$(nproc)"
echo "==== running example.fashion_mnist $*"
./build/fashion-mnist/examples/example.fashion_mnist "$@"
