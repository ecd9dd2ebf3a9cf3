#!/usr/bin/env bash
# Every ##ct line a trial's `sh` printed amid a large log counted once, in order; traces ignored.
set -euo pipefail
. "$SCENARIO_LIB"
api=$(jget "job/$JOB/$BUILD/sweep-sh-output/api/json?depth=1")
q() { json_get "$1" <<<"$api"; }
expect_eq "status" "$(q 'd["status"]')" finished
expect_eq "statuses" "$(q '[t["status"] for t in d["trials"]]')" '["completed", "completed"]'
expect_eq "reports per trial (8 lines, traces not counted)" "$(q '[t["reports"] for t in d["trials"]]')" '[8, 8]'
expect_eq "last step per trial" "$(q '[t["time"] for t in d["trials"]]')" '[8.0, 8.0]'
expect_eq "best" "$(q 'd["best"]["number"]')" 1
expect_eq "best value" "$(q 'round(d["best"]["value"], 6)')" 1.0
console=$(cat "$CONSOLE_FILE")
expect_contains "the traces were in the log" "$console" "+ printf ##ct[metric key='val/acc'"
expect_contains "the noise was in the log" "$console" "noise line padded to be long enough to matter 20000"
