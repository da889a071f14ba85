#!/usr/bin/env bash
# Fuzzes the file readers (tests/fuzz/, docs/reliability.md) for as long as you like: builds the
# libFuzzer harnesses with clang++ in build/fuzz, then runs each from its committed seed corpus
# plus a corpus of its own in build/fuzz/long/<harness>/ (kept between runs, so a second run goes
# on where the first stopped), two at a time, and prints each one's executions and findings.
#
# Usage: bash scripts/fuzz.sh [seconds per harness, default 600] [harness ...]
#        RUNS=1000000 bash scripts/fuzz.sh     executions per harness instead of a time
# Harnesses: npz_float npz_double idx_plain idx_gzip (default: all). A finding is saved as
# build/fuzz/long/<harness>/crash-* (or timeout-*, oom-*), and the script exits non-zero.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/deps.sh
seconds=${1:-600}
shift || true
harnesses=("$@")
((${#harnesses[@]})) || harnesses=(npz_float npz_double idx_plain idx_gzip)

cmake -S . -B build/fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DEXPRNET_FUZZ=ON -DEXPRNET_BUILD_EXAMPLES=OFF \
      -DEXPRNET_BUILD_BENCH=OFF -DEXPRNET_TEST_HEADERS=OFF -DEXPRNET_TEST_COMPILE_FAIL=OFF \
      -DEXPRNET_TEST_CONSUMERS=OFF >/dev/null
cmake --build build/fuzz -j "$(nproc)" --target "${harnesses[@]/#/fuzz.}"

limit=(-max_total_time="$seconds")
[[ -n "${RUNS:-}" ]] && limit=(-runs="$RUNS")

run() {
  local h=$1 dir=build/fuzz/long/$1
  mkdir -p "$dir/corpus"
  TMPDIR="$dir" ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "build/fuzz/tests/fuzz/fuzz.$h" "$dir/corpus" "tests/fuzz/corpus/$h" "${limit[@]}" -timeout=10 \
    -rss_limit_mb=2048 -malloc_limit_mb=512 -artifact_prefix="$dir/" -print_final_stats=1 >"$dir/log" 2>&1
}

status=0
declare -A pids
for h in "${harnesses[@]}"; do
  run "$h" & pids[$h]=$!
  # Two at a time: one per core of a 2-core machine.
  while (($(jobs -rp | wc -l) >= 2)); do sleep 1; done
done
echo
printf '%-11s %12s %12s %8s  %s\n' harness executions "exec/s" corpus result
for h in "${harnesses[@]}"; do
  rc=0
  wait "${pids[$h]}" || rc=$?
  log=build/fuzz/long/$h/log
  execs=$(grep -Eo 'stat::number_of_executed_units: +[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo '?')
  rate=$(grep -Eo 'stat::average_exec_per_sec: +[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo '?')
  corpus=$(find "build/fuzz/long/$h/corpus" -type f | wc -l)
  result="no finding"
  ((rc == 0)) || { result="FINDING (exit $rc): see $log and build/fuzz/long/$h/"; status=1; }
  printf '%-11s %12s %12s %8s  %s\n' "$h" "$execs" "$rate" "$corpus" "$result"
done
exit $status
