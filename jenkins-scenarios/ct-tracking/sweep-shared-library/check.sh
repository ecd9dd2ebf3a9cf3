#!/usr/bin/env bash
# The Jenkinsfile's copy of the variable is the variable; the sweep it ran is on the build: five
# trials in their own stages, the losers stopped, the best returned to the Jenkinsfile.
set -euo pipefail
. "$SCENARIO_LIB"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
var="$here/../../../vars/hyperparameterSweep.groovy"
if diff <(sed -n '/^\/\/ BEGIN vars\/hyperparameterSweep.groovy$/,/^\/\/ END vars\/hyperparameterSweep.groovy$/p' "$here/Jenkinsfile" | sed '1d;$d') "$var" >/dev/null; then
  pass "the Jenkinsfile runs vars/hyperparameterSweep.groovy as it is"
else
  fail "the copy in the Jenkinsfile differs from vars/hyperparameterSweep.groovy: copy it again"
fi
api=$(jget "job/$JOB/$BUILD/sweep-shared-lib/api/json?depth=1")
q() { json_get "$1" <<<"$api"; }
expect_eq "status" "$(q 'd["status"]')" finished
expect_eq "trials" "$(q 'len(d["trials"])')" 5
expect_eq "best" "$(q 'd["best"]["params"]["lr"]')" 0.01
expect_eq "stopped (lr 0.001 at least)" "$(q '[t["status"] for t in d["trials"] if t["number"]==5][0]')" stopped
console=$(cat "$CONSOLE_FILE")
expect_contains "the var's echo of the start" "$console" "Sweep shared-lib: ASHA"
expect_contains "a trial's stage" "$console" "[Pipeline] { (trial 5)"
expect_contains "the body's environment" "$console" "trial 3 of shared-lib: lr=0.01"
expect_contains "the var's echo of the summary" "$console" "Best: trial 3, val/acc 0.9 (lr=0.01)"
expect_contains "the result returned to the Jenkinsfile" "$console" "RESULT best=3 lr=0.01 saved=0."
