#!/usr/bin/env bash
# All 60 points of both sources, the run FINISHED; says whether the build went through a restart
# (restart-harness.sh insists that it did).
set -euo pipefail
. "$SCENARIO_LIB"
api=$(jget "job/$JOB/$BUILD/experiment/api/json?depth=1")
expect_eq "status" "$(json_get 'd["runs"][0]["status"]' <<<"$api")" FINISHED
expect_eq "loss points (console)" "$(json_get '[m["count"] for m in d["runs"][0]["metrics"] if m["key"]=="loss"][0]' <<<"$api")" 60
expect_eq "acc points (\$CT_METRICS_FILE)" "$(json_get '[m["count"] for m in d["runs"][0]["metrics"] if m["key"]=="acc"][0]' <<<"$api")" 60
expect_eq "last acc" "$(json_get '[m["last"] for m in d["runs"][0]["metrics"] if m["key"]=="acc"][0]' <<<"$api")" 60.0
if grep -q "Resuming build" "$CONSOLE_FILE"; then
  pass "the build went through a controller restart: $(grep -o 'Tracking of run .* after the restart: .*' "$CONSOLE_FILE" | head -1)"
else
  pass "no restart happened during this build"
fi
