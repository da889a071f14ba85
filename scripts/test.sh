#!/usr/bin/env bash
# Builds exprnet and runs every test in four configurations, all with warnings as errors
# (-DEXPRNET_WERROR=ON; a user's own configure leaves it OFF) and with the test tools required
# (-DEXPRNET_REQUIRE_TOOLS=ON: configuring fails if Graphviz `dot` or a C compiler for the
# emit_c tests is missing, where a user's configure would skip those checks):
#
#   build/gcc      g++ (no build type: -O1 -g1); the only one with the PyTorch oracle tests
#                  (tests/pytorch/: numerics against PyTorch, which no other configuration changes)
#   build/clang    clang++; no header check (build/gcc has it: whether a header includes what
#                  it uses does not depend on the compiler) and no Cortex-M images (build/gcc
#                  builds and runs them; their compiler is arm-none-eabi-gcc in both); with the
#                  libFuzzer harnesses of the file readers, 20 s each from a fixed seed
#                  (-DEXPRNET_FUZZ=ON; scripts/fuzz.sh runs them longer)
#   build/asan     g++ with -DEXPRNET_SANITIZE=ON (AddressSanitizer + UndefinedBehaviorSanitizer);
#                  no benchmarks and no header check there (they gain nothing from sanitizers),
#                  no examples (the tests cover the same code: classify2d, Fashion-MNIST and
#                  the io examples have their own tests), and fewer tests (tests/CMakeLists.txt
#                  says which and why)
#   build/release  g++, -DCMAKE_BUILD_TYPE=Release (-O3, asserts off): the build that
#                  docs/getting-started.md documents, where g++'s optimiser reports warnings the
#                  others never see; without what optimisation cannot change: the header check,
#                  the Cortex-M images, the compile-fail tests and the CMake consumer tests
#
# On 2 cores the four take about 70 minutes from a cold compiler cache (most of it compiling)
# and about 6 with the cache warm. Compiles go through ccache when it is installed
# (EXPRNET_CCACHE); CCACHE_BASEDIR makes the cache shared by clones in other folders, and
# CCACHE_DIR (unless set) one cache per machine, in /var/cache/exprnet-ccache.
#
# Usage: bash scripts/test.sh [gcc] [clang] [asan] [release]     (default: all four)
# Exits non-zero if any configuration fails to configure, build or pass its tests; ends with a
# one-line summary per configuration.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/deps.sh

# ccache: paths under the repository are hashed relative to it, and the build directory is not
# hashed, so a fresh clone elsewhere (CI) hits the cache of an earlier one.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
# One cache per machine, whatever HOME the run has (CI's environment need not be yours).
if [[ -z "${CCACHE_DIR:-}" && -w /var/cache ]]; then
  export CCACHE_DIR=/var/cache/exprnet-ccache
fi

jobs=$(nproc)
configs=("$@")
((${#configs[@]})) || configs=(gcc clang asan release)

declare -A summary
status=0

run_config() {
  local name=$1 dir=build/$1 t0 t1 t2 t3 log
  local -a opts
  case $name in
    gcc)     opts=(-DCMAKE_CXX_COMPILER=g++) ;;
    clang)   opts=(-DCMAKE_CXX_COMPILER=clang++ -DEXPRNET_TEST_HEADERS=OFF -DEXPRNET_BUILD_FIRMWARE=OFF
                   -DEXPRNET_FUZZ=ON -DEXPRNET_TEST_PYTORCH=OFF) ;;
    asan)    opts=(-DCMAKE_CXX_COMPILER=g++ -DEXPRNET_SANITIZE=ON -DEXPRNET_BUILD_BENCH=OFF
                   -DEXPRNET_TEST_HEADERS=OFF -DEXPRNET_BUILD_EXAMPLES=OFF -DEXPRNET_TEST_PYTORCH=OFF) ;;
    # g++ 12 -O3 reports a false -Waggressive-loop-optimizations inside Eigen 3.4's GEMV when
    # the matrix has compile-time sizes ("iteration 4611686018427387903 invokes undefined
    # behavior", BlasUtil.h; bench.sh silences it too): a warning there, not an error.
    release) opts=(-DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Release -DEXPRNET_TEST_HEADERS=OFF
                   -DEXPRNET_BUILD_FIRMWARE=OFF -DEXPRNET_TEST_COMPILE_FAIL=OFF
                   -DEXPRNET_TEST_CONSUMERS=OFF -DEXPRNET_TEST_PYTORCH=OFF
                   -DCMAKE_CXX_FLAGS=-Wno-error=aggressive-loop-optimizations) ;;
    *) echo "test.sh: unknown configuration '$name' (gcc, clang, asan, release)" >&2; return 2 ;;
  esac
  opts+=(-DEXPRNET_WERROR=ON -DEXPRNET_REQUIRE_TOOLS=ON)
  echo "==== $name: configure ($dir)"
  t0=$SECONDS
  if ! cmake -S . -B "$dir" -G Ninja "${opts[@]}"; then
    summary[$name]="FAIL  configure: $((SECONDS - t0))s"
    return 1
  fi
  t1=$SECONDS
  echo "==== $name: build"
  if ! cmake --build "$dir" -j "$jobs"; then
    summary[$name]="FAIL  build: configure $((t1 - t0))s, build $((SECONDS - t1))s"
    return 1
  fi
  t2=$SECONDS
  echo "==== $name: test"
  log=$dir/ctest.log
  local rc=0
  ctest --test-dir "$dir" --output-on-failure -j "$jobs" 2>&1 | tee "$log" || rc=$?
  t3=$SECONDS
  local counts
  counts=$(grep -Eo '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" || true)
  local times="configure $((t1 - t0))s, build $((t2 - t1))s, ctest $((t3 - t2))s"
  if ((rc != 0)); then
    summary[$name]="FAIL  tests: $times; ${counts:-no ctest summary}"
    return 1
  fi
  summary[$name]="PASS  $times; $counts"
}

for c in "${configs[@]}"; do
  run_config "$c" || status=1
done

echo
echo "==== summary"
for c in "${configs[@]}"; do
  printf '%-8s %s\n' "$c" "${summary[$c]:-FAIL  (unknown configuration)}"
done
exit $status
