#!/usr/bin/env bash
# Tracking benchmarks, each against a baseline measured in the same run:
#  1. single-core throughput in thread CPU time (robust on a shared machine): tfevents parsing with
#     both CRCs (vs plainly reading the bytes), JSON-lines ingest and service-message scan (vs
#     splitting the same bytes into lines), downsampling 1M points to 1,000 (vs one pass);
#  2. the same in wall time with JMH, plus the system monitor's cost per sample;
#  3. a leaderboard over 30,000 runs x 50 metrics: cold (index opened from disk), warm, and the
#     no-index baseline that reads every run.json (= the index build, timed once).
# Data is generated in a temporary directory and removed afterwards.
# Knobs: EVENT_FILE_MB (150), LEADERBOARD_RUNS (30000), ROUNDS (3), JMH_WARMUPS (1), JMH_ITERATIONS (3),
# JMH_JAVA_OPTS (e.g. -Djmh.ignoreLock=true when another JMH run holds /tmp/jmh.lock).
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f benchmarks/target/benchmarks.jar && -f ct-cli/target/ct.jar ]] || mvn -B -q install -DskipTests
out=target/bench-tracking
mkdir -p "$out"
# a private copy: a rebuild of the module during the run must not swap classes under the forks
work=$(mktemp -d "${TMPDIR:-/tmp}/ct-bench-tracking-XXXXXX")
trap 'rm -rf "$work"' EXIT
cp benchmarks/target/benchmarks.jar "$work/benchmarks.jar"
jar="$work/benchmarks.jar"
mb=${EVENT_FILE_MB:-150}
runs=${LEADERBOARD_RUNS:-30000}
jmh=(-wi "${JMH_WARMUPS:-1}" -i "${JMH_ITERATIONS:-3}" -f 1)

echo "-- 1. one core, thread CPU time (best of ${ROUNDS:-3} rounds)"
java -Xmx2g -cp "$jar" io.ctsuite.bench.tracking.CpuTimeReport "${ROUNDS:-3}" "$mb" | tee "$out/cputime.txt"
echo

echo "-- 2. wall time (JMH)"
java ${JMH_JAVA_OPTS:-} -jar "$jar" 'io.ctsuite.bench.tracking.(EventFile|LineStream|Downsample|SystemSample)Benchmark' \
  "${jmh[@]}" -p megabytes="$mb" -rf csv -rff "$out/jmh.csv" > "$out/jmh.txt"
awk -F, -v mb="$mb" '
  FNR > 1 { gsub(/"/, ""); split($1, n, "."); s[n[length(n)]] = $5 }
  END {
    printf "%-30s %12s %-10s %-22s %10s %8s\n", "workload", "figure", "unit", "baseline", "figure", "ratio";
    p = mb / (s["parse"] / 1000); r = mb / (s["plainRead"] / 1000);
    printf "%-30s %12.1f %-10s %-22s %10.1f %8.2f\n", "tfevents parse (2 CRCs)", p, "MB/s", "plain read MB/s", r, p / r;
    j = 1 / (s["jsonLines"] / 1000); js = 1 / (s["jsonLinesSplitOnly"] / 1000);
    printf "%-30s %12.2f %-10s %-22s %10.2f %8.2f\n", "JSON lines ingest", j, "Mpoints/s", "line split Mlines/s", js, j / js;
    m = 67.1 / (s["serviceMessages"] / 1000); ms = 67.1 / (s["serviceMessagesSplitOnly"] / 1000);
    printf "%-30s %12.1f %-10s %-22s %10.1f %8.2f\n", "service-message scan", m, "MB/s", "line split MB/s", ms, m / ms;
    printf "%-30s %12.2f %-10s %-22s %10.2f %8.2f\n", "downsample LTTB 1M->1000", s["lttb"], "ms", "one pass ms", s["onePass"], s["lttb"] / s["onePass"];
    printf "%-30s %12.2f %-10s %-22s %10.2f %8.2f\n", "downsample min/max 1M->1000", s["minMax"], "ms", "one pass ms", s["onePass"], s["minMax"] / s["onePass"];
    printf "%-30s %12.1f %-10s %-22s %10.4f\n", "system sample (/proc)", s["sample"], "us", "% of a core at 5 s", s["sample"] / 5e6 * 100;
  }' "$out/jmh.csv" | tee "$out/summary.txt"
echo

echo "-- 3. leaderboard over $runs runs x 50 metrics"
data="$work/runs"
java -Xmx3g -cp "$jar" io.ctsuite.bench.tracking.LeaderboardBenchmark generate "$data" "$runs" \
  | tee "$out/leaderboard-build.txt"
build_ms=$(sed -n 's/.*baseline): \([0-9]*\) ms.*/\1/p' "$out/leaderboard-build.txt")
java ${JMH_JAVA_OPTS:-} -jar "$jar" 'io.ctsuite.bench.tracking.LeaderboardBenchmark' -f 1 -p runs="$runs" \
  -p dataDir="$data" -rf csv -rff "$out/jmh-leaderboard.csv" > "$out/jmh-leaderboard.txt"
awk -F, -v build="$build_ms" '
  FNR > 1 {
    gsub(/"/, ""); split($1, n, "."); b = n[length(n)];
    where = $NF; t[b "|" where] = $5; if (!(where in seen)) { seen[where] = 1; ws[++k] = where }
  }
  END {
    printf "%-42s %10s %10s %16s %12s\n", "filter", "cold ms", "warm ms", "no index (ms)", "no index/cold";
    for (i = 1; i <= k; i++) {
      w = ws[i];
      printf "%-42s %10.1f %10.2f %16.0f %12.1f\n", w, t["cold|" w], t["warm|" w], build, build / t["cold|" w];
    }
  }' "$out/jmh-leaderboard.csv" | tee -a "$out/summary.txt"
