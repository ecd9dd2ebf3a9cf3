#!/usr/bin/env bash
# Every ##ct line that trials printed on the agent counted once, read from the agent's copy, and
# the copies were deleted once read.
set -euo pipefail
. "$SCENARIO_LIB"
console=$(cat "$CONSOLE_FILE")
expect_contains "ran on the agent (run ../agent/setup-harness.sh URL first on the local harness)" \
  "$console" "Running on ct-agent"
api=$(jget "job/$JOB/$BUILD/sweep-on-agent/api/json?depth=1")
q() { json_get "$1" <<<"$api"; }
expect_eq "status" "$(q 'd["status"]')" finished
expect_eq "statuses" "$(q '[t["status"] for t in d["trials"]]')" '["completed", "completed"]'
expect_eq "reports per trial" "$(q '[t["reports"] for t in d["trials"]]')" '[6, 6]'
expect_eq "last step per trial (printed without a line feed)" \
  "$(q '[t["time"] for t in d["trials"]]')" '[6.0, 6.0]'
expect_eq "best" "$(q 'd["best"]["number"]')" 1
leftover=$(ls "${TMPDIR:-/tmp}" | grep -c '^ct-sweep-.*\.console$' || true)
expect_eq "agent copies left in the agent's temporary directory" "$leftover" 0
