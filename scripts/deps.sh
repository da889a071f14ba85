#!/usr/bin/env bash
# Installs what building and testing exprnet needs on Debian 12 (bookworm), and nothing that is
# already there: run it as often as you like. Needs root (or sudo) only if something is missing.
#
#   cmake, ninja-build          build
#   ccache                      compiler cache: CMake uses it for our targets when installed
#                               (EXPRNET_CCACHE); scripts/test.sh shares it between clones
#   g++                         GCC 12; its libasan/libubsan come with libgcc-12-dev (a dependency)
#   clang, libclang-rt-dev      Clang 14 (uses GCC's libstdc++ headers, a dependency) and its
#                               sanitizer runtimes (only recommended by clang, so named here)
#   libeigen3-dev, libboost-dev Eigen 3.4 and Boost 1.74 (headers)
#   libboost-test-dev           Boost.Test, for the tests
#   libbenchmark-dev            Google Benchmark, for bench/
#   zlib1g-dev                  zlib, for reading .npz weight files and gzip IDX data (io/)
#   libstb-dev                  stb_image_write.h, for the classify2d demo's PNG images
#   python3-numpy               the NumPy round-trip test of .npz files
#   python3-torch, python3-onnx PyTorch 1.13 and ONNX 1.12 for /usr/bin/python3: the ONNX importer
#                               (scripts/onnx_to_exprnet.py) and its PyTorch oracle tests
#                               (tests/pytorch/; ~140 MB download, ~50 s to install)
#   dataset-fashion-mnist       the Fashion-MNIST data (31 MB), for its example's short test
#   graphviz                    `dot`: the inspect tests check every drawing with it, and
#                               scripts/graphs.sh renders docs/'s pictures (without recommends:
#                               9 packages, 2.0 MB download, 9.0 MB installed, ~9 s to install)
#   gcc-arm-none-eabi, libnewlib-arm-none-eabi, libstdc++-arm-none-eabi-dev, qemu-system-arm
#                               the embedded example: Cortex-M images built and run under QEMU
#                               (~115 MB download, ~30 s to install; not the 1.5 GB
#                               libstdc++-arm-none-eabi-newlib: the images link no C++ runtime)
set -euo pipefail

packages=(cmake ninja-build ccache g++ clang libclang-rt-dev libeigen3-dev libboost-dev
          libboost-test-dev libbenchmark-dev zlib1g-dev libstb-dev python3-numpy
          python3-torch python3-onnx
          dataset-fashion-mnist graphviz
          gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-dev qemu-system-arm)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "deps: all ${#packages[@]} packages present"
else
  echo "deps: installing ${missing[*]}"
  sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || { echo "deps: need root (or sudo) to install packages" >&2; exit 1; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Smoke test: both compilers find the C++ standard library and link the sanitizer runtimes.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '#include <vector>\n#include <concepts>\nint main() { std::vector<int> v{1, 2}; return v[1] - 2; }\n' \
  > "$tmp/smoke.cpp"
for cxx in g++ clang++; do
  if ! "$cxx" -std=c++20 -fsanitize=address,undefined "$tmp/smoke.cpp" -o "$tmp/smoke" \
       >"$tmp/log" 2>&1 || ! "$tmp/smoke" >>"$tmp/log" 2>&1; then
    echo "deps: $cxx cannot build and run a sanitized C++20 program:" >&2
    cat "$tmp/log" >&2
    exit 1
  fi
done
echo "deps: g++ and clang++ build and run sanitized C++20 programs"
