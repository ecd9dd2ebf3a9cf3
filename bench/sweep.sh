#!/usr/bin/env bash
# Sweep benchmarks, each against a baseline measured in the same run:
#  1. compute and quality: ASHA against running every trial to the end (FIFO) on simulated learning
#     curves, five families x five seeds, counted in epochs (deterministic: the same on any machine),
#     with all of Hyperband's brackets (the default) and with plain ASHA (one bracket);
#  2. what deciding costs: time per metric report of a simulated 1,000-trial sweep under ASHA and
#     median stopping against FIFO, which decides nothing (JMH).
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f benchmarks/target/benchmarks.jar && -f ct-cli/target/ct.jar ]] || mvn -B -q install -DskipTests
out=target/bench-sweep
mkdir -p "$out"

echo "-- 1. ASHA against every trial to max_t (baseline: fifo), simulated curves, compute in epochs"
echo "   (default: all five of Hyperband's brackets, rungs compare the last value)"
./ct sweep benchmark | tee "$out/compute.txt"
./ct sweep benchmark --json > "$out/compute.json"
echo
echo "-- 1b. the same with plain ASHA (one bracket), the default before brackets existed"
./ct sweep benchmark --brackets 1 | grep -E '^[a-z-]+: [0-9]+/[0-9]+ seeds pass' | tee "$out/compute-plain.txt"
./ct sweep benchmark --brackets 1 --json > "$out/compute-plain.json"
echo
echo "-- 1c. rungs comparing the mean of the last 3 reports, all brackets"
./ct sweep benchmark --rung-value mean | grep -E '^[a-z-]+: [0-9]+/[0-9]+ seeds pass' | tee "$out/compute-mean.txt"
echo
echo "-- 1d. adaptive bracket selection (new trials go to brackets whose first rung ranked well)"
./ct sweep benchmark --bracket-selection adaptive | grep -E '^[a-z-]+: [0-9]+/[0-9]+ seeds pass' | tee "$out/compute-adaptive.txt"
echo

echo "-- 2. cost of deciding: a simulated sweep of 1,000 trials x up to 81 epochs on 32 workers (JMH)"
java -cp benchmarks/target/benchmarks.jar io.ctsuite.bench.sweep.SchedulerBenchmark 1000 > "$out/reports.txt"
java -jar benchmarks/target/benchmarks.jar 'io.ctsuite.bench.sweep.SchedulerBenchmark' \
  -wi "${JMH_WARMUPS:-2}" -i "${JMH_ITERATIONS:-3}" -f 1 -rf csv -rff "$out/jmh.csv" > "$out/jmh.txt"
awk -F, '
  FNR == NR { reports[$1] = $2; next }            # reports.txt is read with FS "," too: "fifo 81000"
  FNR > 1 {
    gsub(/"/, "");
    ms[$8] = $5; err[$8] = $6
  }
  END {
    base = ms["fifo"] * 1e6 / reports["fifo"];
    printf "%-8s %12s %10s %14s %10s\n", "sched", "ms/sweep", "reports", "ns/report", "vs fifo";
    n = split("fifo asha median", names, " ");
    for (i = 1; i <= n; i++) {
      s = names[i];
      per = ms[s] * 1e6 / reports[s];
      printf "%-8s %8.2f±%-5.2f %8d %14.1f %9.2fx\n", s, ms[s], err[s], reports[s], per, per / base;
    }
  }' <(tr ' ' ',' < "$out/reports.txt") "$out/jmh.csv"
