#!/usr/bin/env bash
# Brackets and the rung value are scheduler settings of the Jenkins steps too: described, explained
# in each decision, and the trial dealt to the bracket without rungs is never stopped.
set -euo pipefail
. "$SCENARIO_LIB"
console=$(cat "$CONSOLE_FILE")
expect_contains "too many brackets refused, naming the setting" "$console" \
  "REFUSED Sweep settings: brackets: give 1 to 4 (one more than the rungs below max_t 8), got 7"
expect_contains "the description lists the brackets" "$console" "4 brackets with equal compute (bracket 1, "
expect_contains "the bracket without rungs" "$console" "(none: runs to max_t)"
expect_contains "the rung value in the description" "$console" "rungs compare the mean of each trial's last 2 reports"
expect_contains "a decision names its bracket and value" "$console" "(bracket 1 of 4): val/acc"
expect_contains "a decision on the mean" "$console" "(mean of the last 2 reports)"
api=$(jget "job/$JOB/$BUILD/sweep-hedged/api/json?depth=1")
q() { json_get "$1" <<<"$api"; }
expect_eq "status" "$(q 'd["status"]')" finished
expect_eq "trial 5 (worst, no rungs) ran to the end" "$(q '[t["status"] for t in d["trials"] if t["number"]==5][0]')" completed
expect_eq "trial 5 reports" "$(q '[t["reports"] for t in d["trials"] if t["number"]==5][0]')" 8
expect_eq "stopped trials" "$(q 'sum(1 for t in d["trials"] if t["status"]=="stopped") > 0')" true
expect_eq "best" "$(q 'd["best"]["number"]')" 4
