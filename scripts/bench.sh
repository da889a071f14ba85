#!/usr/bin/env bash
# Runtime benchmarks of issue 3: builds bench.mlp in Release with -O3 -march=native, runs every
# workload for every system found (exprnet, hand-written Eigen, and libtorch, dlib and LIBXSMM when
# their Debian packages are installed) with 5 repetitions (interleaved in random order, so that each
# benchmark's median samples the whole run on a shared machine), pinned to one core, one
# thread, writes bench/results/runtime.json; then the two-thread systems (runtime_2t.json),
# PyTorch from Python on batched inference (bench/infer_pytorch.py, runtime_pytorch*.json) and
# the end-to-end training epochs (bench.epoch, bench/epoch_pytorch.py), the second-order calls
# (bench.second_order pinned, bench/hvp_pytorch.py pinned: second_order*.json), and renders
# docs/performance.md (+ SVG plots) from all of it with scripts/perf_report.py.
#
# Usage: bash scripts/bench.sh [--no-peers] [--no-install] [--report-only] [--second-order-only]
#                              [-- <benchmark args>]
#
#   --no-peers      do not install, build or run libtorch, dlib and libxsmm (also: EXPRNET_BENCH_PEERS=0)
#   --no-install    install nothing (neither scripts/deps.sh nor the peers); use what is there
#   --report-only   do not build or run: re-render docs/performance.md from the existing JSON
#   --second-order-only  build and run only bench.second_order and bench/hvp_pytorch.py (minutes),
#                   then re-render docs/performance.md with the other results as they are
#   -- ARGS         passed to bench.mlp, e.g. -- --benchmark_filter=mlp_2_16
#                   (a filtered run still overwrites bench/results/runtime.json)
#
# Environment: CXX (the compiler, default c++; read when build/bench-release is first
# configured), EXPRNET_BENCH_CPU (the core to pin to, default
# the last one), EXPRNET_BENCH_PEERS=0 (as --no-peers), EXPRNET_BENCH_COMMIT (the commit to
# record, for a run from an exported tree without .git), EXPRNET_BENCH_DIR (the build directory,
# default build/bench-release).
# Exits non-zero if the build fails, if bench.mlp fails, or if any benchmark reported an error
# (each one first checks its numbers against a double-precision reference and skips itself
# with an error message on a mismatch).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

peers=${EXPRNET_BENCH_PEERS:-1}
install=1
run=1
only_second_order=0
bench_args=()
while (($#)); do
  case $1 in
    --no-peers) peers=0 ;;
    --no-install) install=0 ;;
    --report-only) run=0 ;;
    --second-order-only) only_second_order=1 ;;
    --) shift; bench_args=("$@"); break ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

json=bench/results/runtime.json
json_threads=bench/results/runtime_2t.json
epoch_json=bench/results/epoch.json
pytorch_json=bench/results/epoch_pytorch.jsonl
so_json=bench/results/second_order.json
so_pytorch_json=bench/results/second_order_pytorch.json
dir=${EXPRNET_BENCH_DIR:-build/bench-release}

if ((run)); then
  if ((install)); then
    bash scripts/deps.sh
    if ((peers)); then
      # The peers, Debian packages only: libtorch and dlib, on OpenBLAS (without it both fall
      # back to the reference BLAS, 10-35x slower on the big products), and LIBXSMM (static
      # libraries only; its libxsmm_sgemm falls back to the BLAS for the shapes it does not JIT)
      # on the gemm_* products.
      wanted=(libtorch-dev libdlib-dev libopenblas-dev libxsmm-dev)
      missing=()
      for p in "${wanted[@]}"; do
        dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed' || missing+=("$p")
      done
      if ((${#missing[@]})); then
        echo "bench: installing ${missing[*]}"
        sudo=()
        if ((EUID != 0)); then
          command -v sudo >/dev/null || { echo "bench: need root (or sudo) to install packages" >&2; exit 1; }
          sudo=(sudo)
        fi
        export DEBIAN_FRONTEND=noninteractive
        "${sudo[@]}" apt-get update -q
        "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
      else
        echo "bench: peers present (${wanted[*]})"
      fi
    fi
  fi

  # GCC 12 at -O3 with AVX-512 reports false positives inside its own intrinsics headers and
  # Eigen's fixed-size GEMV (-Wmaybe-uninitialized on _mm512_undefined_ps, GCC bug 105593;
  # -Waggressive-loop-optimizations, -Warray-bounds on dead vector tails): this build is for
  # timing, so warnings are not errors here and those are silenced. The warning-clean check is
  # the normal build (scripts/test.sh), which builds bench.mlp too.
  quiet="-Wno-uninitialized -Wno-maybe-uninitialized -Wno-aggressive-loop-optimizations -Wno-array-bounds"
  if [[ -f $dir/CMakeCache.txt ]]; then
    cxx=$(grep -m1 '^CMAKE_CXX_COMPILER:' "$dir/CMakeCache.txt" | cut -d= -f2)
  else
    cxx=${CXX:-c++}
  fi
  if "$cxx" --version 2>/dev/null | grep -qi clang; then quiet=""; fi
  peers_opt=ON
  ((peers)) || peers_opt=OFF
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS="-march=native $quiet" \
    -DEXPRNET_WERROR=OFF -DEXPRNET_BUILD_TESTS=OFF -DEXPRNET_BUILD_EXAMPLES=OFF \
    -DEXPRNET_BENCH_PEERS="$peers_opt"
  targets=(bench.mlp bench.epoch bench.second_order)
  ((only_second_order)) && targets=(bench.second_order)
  cmake --build "$dir" --target "${targets[@]}" -j "$(nproc)"

  # One core, one thread.
  cpu=${EXPRNET_BENCH_CPU:-$(($(nproc) - 1))}
  pin=()
  if command -v taskset >/dev/null; then
    pin=(taskset -c "$cpu")
  else
    cpu=none
    echo "bench: taskset not found; the run is not pinned to a core" >&2
  fi
  export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1

  # Facts for the report, recorded in the JSON's context (Google Benchmark 1.7 splits
  # --benchmark_context values at commas and rejects a second '=': neither may appear in them).
  cxx_path=$(grep -m1 '^CMAKE_CXX_COMPILER:' "$dir/CMakeCache.txt" | cut -d= -f2)
  cxx_version=$("$(readlink -f "$cxx_path")" --version | head -n1)
  cpu_model=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || echo unknown)
  commit=${EXPRNET_BENCH_COMMIT:-$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)}
  if [[ -z ${EXPRNET_BENCH_COMMIT:-} && $commit != unknown ]] && ! git diff --quiet HEAD -- include 2>/dev/null; then
    commit="$commit+uncommitted include/ changes"
  fi
  pkg_version() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo absent; }
  peer_versions="libtorch-dev $(pkg_version libtorch-dev); libdlib-dev $(pkg_version libdlib-dev); libopenblas-dev $(pkg_version libopenblas-dev); libxsmm-dev $(pkg_version libxsmm-dev); libeigen3-dev $(pkg_version libeigen3-dev); libbenchmark-dev $(pkg_version libbenchmark-dev)"
  ((peers)) || peer_versions="peers not benchmarked (--no-peers); $peer_versions"

  mkdir -p "$(dirname "$json")"
  status=0
fi

if ((run && !only_second_order)); then
  echo "bench: running $dir/bench/bench.mlp pinned to cpu $cpu (5 repetitions, randomly interleaved)"
  "${pin[@]}" "$dir/bench/bench.mlp" \
    --benchmark_repetitions=5 --benchmark_enable_random_interleaving=true \
    --benchmark_out="$json" --benchmark_out_format=json \
    --benchmark_context=compiler="$cxx_version" \
    --benchmark_context=cxx_flags="CMake Release (-O3) plus -march set to native" \
    --benchmark_context=cpu_model="$cpu_model" \
    --benchmark_context=pinned_cpu="$cpu" \
    --benchmark_context=exprnet_commit="$commit" \
    --benchmark_context=packages="$peer_versions" \
    --benchmark_filter='-_2t$' "${bench_args[@]}" || status=$?
  if ((status)); then
    echo "bench: bench.mlp failed (exit $status)" >&2
    exit "$status"
  fi

  # The two-thread systems ("_2t"), not pinned, with two BLAS threads for libtorch.
  echo "bench: running the two-thread systems of $dir/bench/bench.mlp, not pinned"
  OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2 "$dir/bench/bench.mlp" --benchmark_filter='_2t$' \
    --benchmark_repetitions=5 --benchmark_out="$json_threads" --benchmark_out_format=json || status=$?
  if ((status)); then
    echo "bench: bench.mlp (two threads) failed (exit $status)" >&2
    exit "$status"
  fi

  # PyTorch from Python on the batched inference workload: one thread pinned, two not.
  rm -f bench/results/runtime_pytorch.json bench/results/runtime_pytorch_2t.json
  if ((peers)) && /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    for threads in 1 2; do
      suffix=""
      launcher=("${pin[@]}")
      if ((threads == 2)); then suffix=_2t; launcher=(); fi
      OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=$threads "${launcher[@]}" /usr/bin/python3 bench/infer_pytorch.py \
        --threads "$threads" --out "bench/results/runtime_pytorch$suffix.json" || status=$?
      if ((status)); then
        echo "bench: bench/infer_pytorch.py failed (exit $status)" >&2
        exit "$status"
      fi
    done
  fi

  # The end-to-end benchmark (issue 18): whole epochs, not pinned, since threaded systems use
  # every core; then PyTorch on the same recipe at 1 and 2 threads (its BLAS's threads too).
  echo "bench: running $dir/bench/bench.epoch (20 epochs per system and task)"
  "$dir/bench/bench.epoch" --benchmark_out="$epoch_json" --benchmark_out_format=json \
    --benchmark_context=cpu_model="$cpu_model" --benchmark_context=exprnet_commit="$commit" || status=$?
  if ((status)); then
    echo "bench: bench.epoch failed (exit $status)" >&2
    exit "$status"
  fi
  : >"$pytorch_json"
  if ((peers)) && /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    for threads in 1 2; do
      for task in fashion cifar; do
        echo "bench: PyTorch, $task, $threads thread(s)"
        OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=$threads \
          /usr/bin/python3 bench/epoch_pytorch.py --workload "$task" --threads "$threads" >>"$pytorch_json"
      done
    done
  fi
fi

if ((run)); then
  # The second-order calls (issue 19): gradient, H·v, J·v of 784-100-10, one core, one thread, like
  # bench.mlp; then PyTorch's forms of the same calls from Python, pinned to the same core.
  flags=" $(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null | cut -d: -f2- || true) "
  isa_text="no AVX2"
  [[ $flags == *" avx2 "* ]] && isa_text="AVX2"
  [[ $flags == *" fma "* ]] && isa_text="$isa_text and FMA"
  if [[ $flags == *" avx512f "* ]]; then isa_text="$isa_text; AVX-512"; else isa_text="$isa_text; no AVX-512"; fi
  echo "bench: running $dir/bench/bench.second_order pinned to cpu $cpu (5 repetitions, randomly interleaved)"
  "${pin[@]}" "$dir/bench/bench.second_order" \
    --benchmark_repetitions=5 --benchmark_enable_random_interleaving=true \
    --benchmark_out="$so_json" --benchmark_out_format=json \
    --benchmark_context=compiler="$cxx_version" \
    --benchmark_context=cxx_flags="CMake Release (-O3) plus -march set to native" \
    --benchmark_context=cpu_model="$cpu_model" \
    --benchmark_context=isa="$isa_text" \
    --benchmark_context=pinned_cpu="$cpu" \
    --benchmark_context=exprnet_commit="$commit" || status=$?
  if ((status)); then
    echo "bench: bench.second_order failed (exit $status)" >&2
    exit "$status"
  fi
  rm -f "$so_pytorch_json"
  if ((peers)) && /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "${pin[@]}" /usr/bin/python3 bench/hvp_pytorch.py --threads 1 \
      --out "$so_pytorch_json" || status=$?
    if ((status)); then
      echo "bench: bench/hvp_pytorch.py failed (exit $status)" >&2
      exit "$status"
    fi
  fi
fi

[[ -f $json ]] || { echo "bench: $json not found; run without --report-only first" >&2; exit 1; }
python3 scripts/perf_report.py
python3 scripts/perf_report.py --check-errors
