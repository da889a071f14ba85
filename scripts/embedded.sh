#!/usr/bin/env bash
# The embedded example on its own (docs/embedded.md): installs what is missing, builds the
# example for this host and the Cortex-M4F, M7, M33 and M3 images, runs each image under QEMU
# and runs every check of it (CTest label `embedded`), then prints the flash/RAM table.
#
# Usage: bash scripts/embedded.sh [--write-docs]
#   --write-docs   also write that table into docs/embedded.md (when the sizes changed on purpose)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/deps.sh

dir=build/embedded
cmake -S . -B "$dir" -G Ninja -DCMAKE_CXX_COMPILER=g++ -DEXPRNET_BUILD_BENCH=OFF -DEXPRNET_TEST_HEADERS=OFF
cmake --build "$dir" -j "$(nproc)" --target example.embedded.host_exact example.embedded.host \
  example.embedded.bake_spiral_weights firmware.m4f firmware.m7 firmware.m33 firmware.m3

if [[ ${1:-} == --write-docs ]]; then
  board=(--qemu "$(command -v qemu-system-arm)" --board mps2-an386)
  python3 examples/embedded/firmware_test.py sizes "${board[@]}" --nm arm-none-eabi-nm --size arm-none-eabi-size \
    --elf "$dir/examples/embedded/firmware-m4f/exprnet_nets.elf" \
    --baseline "$dir/examples/embedded/firmware-m4f/handwritten_nets.elf" --docs docs/embedded.md --write
fi
ctest --test-dir "$dir" -L embedded --output-on-failure
echo
ctest --test-dir "$dir" -R '^embedded\.m4f\.(memory_figures_match_linker|sizes_in_docs)$' --verbose |
  sed -n 's/^[0-9]*: //p' | grep -v '^Test command\|^Working Directory\|^Test timeout\|^OK$'
