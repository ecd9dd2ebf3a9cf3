#!/usr/bin/env bash
# The sweep as the build action records it: six trials with their parameters, the best (trial 3,
# lr 0.01, completed at 0.9), the losing ones stopped with the scheduler's reason (through both
# channels: console lines and $CT_METRICS_FILE), compute saved; the same on the pages, in the
# console and in what `finish` returned to the Jenkinsfile.
set -euo pipefail
. "$SCENARIO_LIB"
b="job/$JOB/$BUILD"
api=$(jget "$b/sweep-lr-grid/api/json?depth=1")
q() { json_get "$1" <<<"$api"; }
trial() { q "[t for t in d['trials'] if t['number']==$1][0]['$2']"; }

expect_eq "name" "$(q 'd["name"]')" lr-grid
expect_eq "status" "$(q 'd["status"]')" finished
expect_eq "scheduler" "$(q 'd["scheduler"]')" asha
expect_eq "metric" "$(q 'd["metric"]')" val/acc
expect_eq "trials planned" "$(q 'd["trialsPlanned"]')" 6
expect_eq "trials run" "$(q 'len(d["trials"])')" 6
expect_eq "trial params (grid order)" "$(q '[t["params"]["lr"] for t in d["trials"]]')" \
  "[0.1, 0.03, 0.01, 0.003, 0.001, 0.0003]"
expect_eq "best trial" "$(q 'd["best"]["number"]')" 3
expect_eq "best lr" "$(q 'd["best"]["params"]["lr"]')" 0.01
expect_eq "best status" "$(q 'd["best"]["status"]')" completed
expect_eq "best value" "$(q 'd["best"]["value"]')" 0.9
expect_eq "best rank" "$(q 'd["best"]["rank"]')" 1
for n in 4 5 6; do
  expect_eq "trial $n stopped" "$(trial $n status)" stopped
  expect_contains "trial $n reason" "$(trial $n reason)" "below rung-1 cutoff"
  expect_eq "trial $n stopped early (progress in steps)" "$(trial $n time)" 1.0
done
expect_eq "trial 2 (JSON lines) completed" "$(trial 2 status)" completed
expect_eq "trial 2 reports from \$CT_METRICS_FILE" "$(trial 2 reports)" 9
expect_eq "trial 3 reports from ##ct lines" "$(trial 3 reports)" 9
expect_eq "every trial ended" "$(q '[t["status"] for t in d["trials"] if t["status"] not in ("completed","stopped")]')" "[]"
expect_eq "compute budget (6 x max_t 9)" "$(q 'd["compute"]["budget"]')" 54.0
saved=$(q 'd["compute"]["saved"]')
python3 -c "import sys; s=float(sys.argv[1]); sys.exit(0 if s > 0.4 else 1)" "$saved" &&
  pass "compute saved $saved > 40 %" || fail "compute saved only $saved"
expect_contains "summary" "$(q 'd["summary"]')" "Best: trial 3, val/acc 0.9 (lr=0.01)"
expect_contains "rungs explained" "$(trial 3 rungs)" "rung"

console=$(cat "$CONSOLE_FILE")
expect_contains "console: start description" "$console" "Sweep lr-grid: ASHA"
expect_contains "console: a trial's parameters" "$console" "Sweep lr-grid, trial 3 of 6: lr=0.01"
expect_contains "console: stop decision" "$console" "Sweep lr-grid: trial 5 stopped at step 1"
expect_contains "console: trial block returned normally" "$console" "OUTCOME trial 5 stopped: stopped at step 1"
expect_contains "console: CT_PARAMS in the body" "$console" 'params {"lr":0.01}'
expect_contains "console: finish returned the best" "$console" "BEST trial=3 lr=0.01 value=0.9"
expect_contains "console: finish summary" "$console" "% of the compute saved"

page=$(jget "$b/")
expect_contains "build page box" "$page" "Sweep <strong>lr-grid</strong>"
expect_contains "build page summary" "$page" "Best: trial 3"
detail=$(jget "$b/sweep-lr-grid/")
expect_contains "sweep page best configuration" "$detail" "Best configuration"
expect_contains "sweep page trial rows" "$detail" 'id="trial-6"'
expect_contains "sweep page reason" "$detail" "below rung-1 cutoff"
expect_contains "sweep page compute" "$detail" "of the compute saved"
build=$(jget "$b/api/json")
expect_contains "build API lists the sweep action" "$build" '"name":"lr-grid"'
