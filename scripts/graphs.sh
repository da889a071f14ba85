#!/usr/bin/env bash
# Regenerates the pictures of docs/graphs.md from the output of examples/graphs.cpp:
#   docs/two_layer_forward.png    the forward graph       (graphs forward)
#   docs/two_layer_backward.png   the gradients' graph    (graphs backward)
#   docs/two_layer_program.png    the training program    (graphs program)
# Needs Graphviz's `dot` (Debian: graphviz, installed by scripts/deps.sh).
#
# Usage: bash scripts/graphs.sh [build-dir]    (default build/gcc; configured if it is not)
# Each picture is written to a temporary file and renamed over the old one, so a failure
# leaves the committed pictures as they were.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

dir=${1:-build/gcc}
command -v dot >/dev/null || { echo "graphs.sh: Graphviz 'dot' not found (apt-get install graphviz)" >&2; exit 1; }
[[ -f $dir/CMakeCache.txt ]] || cmake -S . -B "$dir" -G Ninja -DCMAKE_CXX_COMPILER=g++ >/dev/null
cmake --build "$dir" --target example.graphs -j 2 >/dev/null
exe=$dir/examples/example.graphs

tmp=$(mktemp -d)
partial=docs/.graphs-$$.png  # beside its destination, so that the rename is atomic
trap 'rm -rf "$tmp" "$partial"' EXIT
for graph in forward backward program; do
  "$exe" "$graph" > "$tmp/$graph.dot"
  dot -Tpng "$tmp/$graph.dot" -o "$partial"
  mv "$partial" "docs/two_layer_$graph.png"
  echo "graphs.sh: docs/two_layer_$graph.png ($(stat -c %s "docs/two_layer_$graph.png") bytes)"
done
