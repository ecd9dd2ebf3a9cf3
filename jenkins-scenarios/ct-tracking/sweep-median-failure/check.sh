#!/usr/bin/env bash
# A failed trial and a silent one are recorded with their reasons and do not end the sweep; the
# median rule stops the trial below the others; the best is trial 3; the build is not failed.
set -euo pipefail
. "$SCENARIO_LIB"
api=$(jget "job/$JOB/$BUILD/sweep-median/api/json?depth=1")
q() { json_get "$1" <<<"$api"; }
trial() { q "[t for t in d['trials'] if t['number']==$1][0]['$2']"; }
expect_eq "scheduler" "$(q 'd["scheduler"]')" median
expect_eq "statuses" "$(q '[t["status"] for t in d["trials"]]')" \
  '["completed", "failed", "completed", "stopped", "completed"]'
expect_eq "trial 2 reason" "$(trial 2 reason)" "failed: script returned exit code 3"
expect_eq "trial 2 reports before it failed" "$(trial 2 reports)" 2
expect_contains "trial 4 stopped by the median rule" "$(trial 4 reason)" "median"
expect_eq "trial 5 reason" "$(trial 5 reason)" "ended without reporting val/acc"
expect_eq "trial 5 has no rank" "$(trial 5 rank)" 0
expect_eq "best" "$(q 'd["best"]["number"]')" 3
expect_eq "counts" "$(q 'd["compute"]["counts"]')" '{"completed": 3, "stopped": 1, "failed": 1}'
console=$(cat "$CONSOLE_FILE")
expect_contains "failure said in the log" "$console" "Sweep median: trial 2 failed: script returned exit code 3"
expect_contains "the trial block returned normally" "$console" "OUTCOME trial 2 failed: failed: script returned exit code 3"
expect_contains "the sweep went on" "$console" "OUTCOME trial 5 completed"
expect_contains "summary" "$console" "Best: trial 3, val/acc 0.9"
