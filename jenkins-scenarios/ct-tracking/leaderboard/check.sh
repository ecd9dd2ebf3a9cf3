#!/usr/bin/env bash
# Builds the job once more, then: the job page's trend (best val/acc per build), the leaderboard
# (ranked, two pages, filtered, a bad filter explained), the comparison of two runs (params that
# differ, overlaid curves) and the build page's "params changed since the previous build".
set -euo pipefail
. "$SCENARIO_LIB"
first=$BUILD
jpost "job/$JOB/build?delay=0sec" -o /dev/null
second=$((first + 1))
for _ in $(seq 300); do
  state=$(jget "job/$JOB/$second/api/json?tree=building,result" 2>/dev/null || true)
  [[ $state == *'"building":false'* ]] && break
  sleep 1
done
expect_contains "second build" "$state" '"result":"SUCCESS"'
x="job/$JOB/experiments"

expect_contains "job page trend box" "$(jget "job/$JOB/")" "experiments/trend"
trend=$(jget "$x/trend?metric=val/acc")
# every build of this job published 30 runs (run again, the job keeps its earlier builds)
expect_eq "trend points (one per build)" "$(json_get 'len(d["metrics"][0]["option"]["series"][0]["data"])' <<<"$trend")" "$second"
expect_eq "trend x ends with the two builds" "$(json_get '[p[0] for p in d["metrics"][0]["option"]["series"][0]["data"]][-2:]' <<<"$trend")" "[$first, $second]"

lb=$(jget "$x/leaderboardJson?metric=val/acc")
expect_eq "ranked runs of all builds" "$(json_get 'd["total"]' <<<"$lb")" $((30 * second))
expect_eq "first page" "$(json_get 'len(d["rows"])' <<<"$lb")" 50
expect_eq "best first (max of each run)" "$(json_get 'd["rows"][0]["value"]' <<<"$lb")" "$(python3 -c "print(0.29 + $second / 1000.0)")"
expect_eq "goal guessed from the name" "$(json_get 'd["goal"]' <<<"$lb")" max
expect_eq "second page" "$(json_get 'len(d["rows"])' <<<"$(jget "$x/leaderboardJson?metric=val/acc&page=1")")" $((30 * second - 50 < 50 ? 30 * second - 50 : 50))
loss=$(jget "$x/leaderboardJson?metric=val_loss")
expect_eq "a loss ranks lowest first" "$(json_get 'd["goal"]' <<<"$loss")" min
filtered=$(jget "$x/leaderboardJson?metric=val/acc&where=arch%20%3D%3D%20%27vit%27%20and%20lr%20%3C%200.01")
expect_eq "filter arch == 'vit' and lr < 0.01 (5 a build)" "$(json_get 'd["total"]' <<<"$filtered")" $((5 * second))
bad=$(jget "$x/leaderboardJson?metric=val/acc&where=lr%20%3C%3C%201")
expect_contains "bad filter explained" "$(json_get 'd["error"]' <<<"$bad")" "filter 'lr << 1'"
page=$(jget "$x/?metric=val/acc")
expect_contains "leaderboard page" "$page" "Runs 1–50 of $((30 * second)) ranked by val/acc"
expect_contains "leaderboard page links to the build" "$page" "../$second/experiment/"
expect_contains "bad filter on the page" "$(jget "$x/?where=lr%20%3C%3C%201")" "ct-filter-error"

a="b$first-sweep"; b="b$second-sweep-3"
cmp=$(jget "$x/compare?run=$a&run=$b")
expect_contains "compare: lr differs" "$cmp" "<code>lr</code>"
expect_contains "compare: seed differs" "$cmp" "<code>seed</code>"
expect_contains "compare: same params counted" "$cmp" "param(s) are the same in every run"
curves=$(jget "$x/compareView?run=$a&run=$b")
expect_eq "compare: curves per metric" "$(json_get '[m["key"] for m in d["metrics"]]' <<<"$curves")" '["val/acc", "val_loss"]'
expect_eq "compare: one curve per run" "$(json_get 'len(d["metrics"][0]["option"]["series"])' <<<"$curves")" 2

build=$(jget "job/$JOB/$second/")
expect_contains "build page: params changed since the previous build" "$build" "<code>seed</code> $first → <strong>$second</strong>"
japi=$(jget "$x/api/json")
expect_eq "job API: runs" "$(json_get 'd["runCount"]' <<<"$japi")" $((30 * second))
expect_eq "job API: metrics" "$(json_get 'd["metricKeys"]' <<<"$japi")" '["val/acc", "val_loss"]'
