#!/usr/bin/env bash
# Dataset snapshot benchmark. Generates a tree of random files (default 100,000 files / 2 GB; set
# CT_BENCH_DATASETS_FILES and CT_BENCH_DATASETS_BYTES for a quicker run, e.g. 10000 and 200000000)
# in /tmp, and times in the same run:
#   1. a cold `ct dataset snapshot` (empty stat cache) against `sha256sum` over the same files;
#      goal <= 0.25x. sha256sum is single-threaded; ct hashes on every core with the JDK's
#      SHA-256, which uses the CPU's SHA instructions where there are some.
#   2. a re-snapshot with nothing changed against `git status` after `git add` on the same tree
#      (git's stat cache is the anchor); goal <= 1.5x.
#   3. the same with 1 % of the files changed; goal <= 2x `git status` on that tree.
#   4. a 1,000,000-entry manifest: heap held (goal <= 256 MB, run with -Xmx256m) and the diff of
#      two such versions (goal < 2 s).
# Both sides read from a warm page cache (the tree is read once first), so this measures hashing
# and bookkeeping, not the disk. Wall times on a shared machine are noisy; CPU seconds are shown
# too. `ct` figures include the JVM start of the command (shown separately). The in-process
# figures are the same work in an already running JVM, as the dataset trigger runs it on a Jenkins
# agent: the JIT is warmed up first on a second, smaller tree, as JMH would, then each measure is
# the best of five rounds.
set -euo pipefail
cd "$(dirname "$0")/.."
files=${CT_BENCH_DATASETS_FILES:-100000}
bytes=${CT_BENCH_DATASETS_BYTES:-2000000000}
work=${CT_BENCH_DATASETS_DIR:-/tmp/ct-bench-datasets}
out=target/bench-datasets
[[ -f benchmarks/target/benchmarks.jar && -f ct-cli/target/ct.jar ]] || mvn -B -q install -DskipTests
mkdir -p "$out"
rm -rf "$work"
mkdir -p "$work"
# private copies: a rebuild during the run must not change the programs under test
cp ct-cli/target/ct.jar "$work/ct.jar"
cp benchmarks/target/benchmarks.jar "$work/benchmarks.jar"
tree="$work/tree"
warmup="$work/warmup-tree"
store="$work/store"
inproc_cache="$work/inproc-cache"

timed() { # prints "WALL CPU" seconds of a command; its output goes to $out/last.log
  local TIMEFORMAT='%R %U %S' report
  report=$({ time "$@" > "$out/last.log" 2>&1; } 2>&1) || {
    echo "failed: $*" >&2
    cat "$out/last.log" >&2
    exit 1
  }
  awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' <<< "$report"
}
best_of() { # N COMMAND...: the run with the least wall time
  local n=$1 result best=""
  shift
  for ((k = 0; k < n; k++)); do
    result=$(timed "$@")
    if [[ -z "$best" ]] || awk -v a="${result% *}" -v b="${best% *}" 'BEGIN { exit !(a < b) }'; then
      best=$result
    fi
  done
  echo "$best"
}
ct() { java -jar "$work/ct.jar" --store "$store" "$@"; }
snapshot() { ct dataset snapshot bench "$tree" --exclude .git -q; }
hash_all() { find "$tree" -type f -not -path '*/.git/*' -print0 | xargs -0 sha256sum > /dev/null; }
git_status() { git -C "$tree" status --porcelain > /dev/null; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v r="$1" -v g="$2" 'BEGIN { print (r <= g ? "meets the goal" : "misses the goal") }'; }

echo "== datasets: $(nproc) cores, $(java -version 2>&1 | head -1)"
java -cp "$work/benchmarks.jar" io.ctsuite.bench.datasets.TreeGenerator generate "$tree" "$files" "$bytes"
java -cp "$work/benchmarks.jar" io.ctsuite.bench.datasets.TreeGenerator generate "$warmup" \
  $((files / 5)) $((bytes / 10)) > /dev/null
find "$tree" "$warmup" -type f -print0 | xargs -0 cat > /dev/null # warm the page cache for both sides
size_note="$(printf "%'d" "$files") files, $(du -sh --apparent-size "$tree" | cut -f1)"
[[ "$files" == 100000 && "$bytes" == 2000000000 ]] || size_note="$size_note (reduced size; the goals are set for 100,000 files / 2 GB)"
echo "tree: $size_note"

startup=$(best_of 3 java -jar "$work/ct.jar" --version)
base_hash=$(best_of 2 hash_all)
cold=$(
  rm -rf "$store"
  timed snapshot
)
rm -rf "$store"
cold2=$(timed snapshot)
awk -v a="${cold2% *}" -v b="${cold% *}" 'BEGIN { exit !(a < b) }' && cold=$cold2

echo "-- git add (not timed: it fills git's index, the stat cache git status then uses)"
git -C "$tree" init -q
git -C "$tree" -c core.looseCompression=0 add -A
git_status
warm=$(best_of 3 snapshot)
base_git=$(best_of 3 git_status)
echo "-- in one running JVM (as on a Jenkins agent; JIT warmed up on a second tree first)"
inproc() { java -cp "$work/benchmarks.jar" io.ctsuite.bench.datasets.SnapshotRun "$1" "$warmup" "$tree" "$inproc_cache" 5; }
inproc unchanged | tee "$out/inprocess.txt"

java -cp "$work/benchmarks.jar" io.ctsuite.bench.datasets.TreeGenerator change "$tree" 1
changed_git=$(best_of 3 git_status)
changed=$(timed snapshot)
grep -q "Recorded bench v2" "$out/last.log" || {
  echo "the re-snapshot after the change did not record a new version:" >&2
  cat "$out/last.log" >&2
  exit 1
}
inproc changed | tee -a "$out/inprocess.txt"
echo "-- 1,000,000-entry manifest in -Xmx256m"
java -Xmx256m -cp "$work/benchmarks.jar" io.ctsuite.bench.datasets.ManifestScale 1000000 "$work/scale" |
  tee "$out/scale.txt"

inproc=$(grep RESULT "$out/inprocess.txt" | grep inproc_cold)
inproc_cold=$(sed -E 's/.*inproc_cold=([0-9.]+),([0-9.]+).*/\1 \2/' <<< "$inproc")
inproc_warm=$(sed -E 's/.*inproc_warm=([0-9.]+),([0-9.]+).*/\1 \2/' <<< "$inproc")
inproc_changed=$(grep RESULT "$out/inprocess.txt" | grep inproc_changed | sed -E 's/.*inproc_changed=([0-9.]+),([0-9.]+).*/\1 \2/')

echo
echo "tree: $size_note; times in seconds; ratios against the baseline above each row"
printf "%-40s %8s %8s %11s %10s  %s\n" "measure" "wall" "cpu" "wall ratio" "cpu ratio" "goal (on wall time)"
base() { printf "%-40s %8s %8s\n" "$1" "${2% *}" "${2#* }"; }
row() { # label "WALL CPU" "BASE_WALL BASE_CPU" goal
  local r c
  r=$(ratio "${2% *}" "${3% *}")
  c=$(ratio "${2#* }" "${3#* }")
  printf "%-40s %8s %8s %10sx %9sx  <= %sx: %s\n" "$1" "${2% *}" "${2#* }" "$r" "$c" "$4" "$(verdict "$r" "$4")"
}
base "ct JVM start alone (ct --version)" "$startup"
base "sha256sum over every file" "$base_hash"
row "ct dataset snapshot, cold" "$cold" "$base_hash" 0.25
row "  same work in a running JVM" "$inproc_cold" "$base_hash" 0.25
base "git status after git add" "$base_git"
row "ct dataset snapshot, nothing changed" "$warm" "$base_git" 1.5
row "  same work in a running JVM" "$inproc_warm" "$base_git" 1.5
base "git status, 1 % of files changed" "$changed_git"
row "ct dataset snapshot, 1 % changed" "$changed" "$changed_git" 2
row "  same work in a running JVM" "$inproc_changed" "$changed_git" 2
grep RESULT "$out/scale.txt" | awk '{
  split($2, h, "="); split($3, d, "=");
  printf "%-44s %9s MB  goal <= 256 MB: %s\n", "1M-entry manifest, heap held", h[2], (h[2] <= 256 ? "meets the goal" : "misses the goal");
  printf "%-44s %9s s   goal < 2 s: %s\n", "diff of two 1M-entry versions", d[2], (d[2] < 2 ? "meets the goal" : "misses the goal");
}'
rm -rf "$work"
