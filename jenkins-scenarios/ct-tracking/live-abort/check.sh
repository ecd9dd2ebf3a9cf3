#!/usr/bin/env bash
# The run was visible while it ran (points reached the controller before the end), ended KILLED
# with what it had when the timeout struck, and nothing of it keeps sampling afterwards.
set -euo pipefail
. "$SCENARIO_LIB"
console=$(cat "$CONSOLE_FILE")
live=$(grep -o 'live through experimentResult: RUNNING with [0-9]* loss points' <<<"$console" || true)
[[ -n $live ]] || fail "the watcher did not see the run RUNNING: $(grep 'live through' <<<"$console")"
n=$(grep -o '[0-9]* loss points' <<<"$live" | cut -d' ' -f1)
(( n > 0 )) && pass "points reached the controller while the block ran ($n)" || fail "no live points"
page=$(grep -o 'live through the page: RUNNING with [0-9]* points on the loss chart' <<<"$console" || true)
if [[ -n $page ]]; then pass "the page's endpoint showed the running run ($page)"; else
  expect_contains "the page's endpoint" "$console" "not checked"; fi

api=$(jget "job/$JOB/$BUILD/experiment/api/json?depth=1")
expect_eq "status after the abort" "$(json_get 'd["runs"][0]["status"]' <<<"$api")" KILLED
total=$(json_get '[m["count"] for m in d["runs"][0]["metrics"] if m["key"]=="loss"][0]' <<<"$api")
(( total >= n && total < 400 )) && pass "kept $total points (>= the $n seen live, < 400)" ||
  fail "points after the abort: $total (live $n)"
expect_contains "system samples until the abort" "$(json_get '[m["key"] for m in d["runs"][0]["system"]]' <<<"$api")" "sys/cpu_percent"

# no thread of this run's session or sampler is left in Jenkins (the built-in node's JVM)
threads=$(jpost scriptText --data-urlencode "script=println(Thread.getAllStackTraces().keySet().collect { it.name }.findAll { it == 'ct-run-session b$BUILD-long-training' || it == 'ct-system-monitor' || it == 'ct-nvidia-smi' })")
expect_eq "session and sampler threads left" "$threads" "[]"
