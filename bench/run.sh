#!/usr/bin/env bash
# Runs the benchmarks on demand: bench/run.sh [AREA...] with AREA one of tracking, datasets,
# promotion, gpu, sweep (default: all). Each area's script prints its figures and the ratio against
# the baseline it measures in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
areas=("$@")
((${#areas[@]})) || areas=(tracking datasets promotion gpu sweep)
[[ -f benchmarks/target/benchmarks.jar && -f ct-cli/target/ct.jar ]] || mvn -B -q install -DskipTests
for area in "${areas[@]}"; do
  script="bench/$area.sh"
  if [[ -x "$script" ]]; then
    echo "== $area"
    "$script"
  else
    echo "== $area: no benchmark script ($script)"
  fi
done
