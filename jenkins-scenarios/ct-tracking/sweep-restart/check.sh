#!/usr/bin/env bash
# Every trial ended once, every report counted once (a completed trial has exactly its 12 steps),
# the best is lr 0.01; says whether the build went through a restart (restart-harness.sh insists).
set -euo pipefail
. "$SCENARIO_LIB"
api=$(jget "job/$JOB/$BUILD/sweep-restart/api/json?depth=1")
q() { json_get "$1" <<<"$api"; }
expect_eq "status" "$(q 'd["status"]')" finished
expect_eq "trials" "$(q 'len(d["trials"])')" 4
expect_eq "every trial ran once" "$(q '[t["attempts"] for t in d["trials"]]')" "[1, 1, 1, 1]"
expect_eq "no trial lost or failed" "$(q '[t["status"] for t in d["trials"] if t["status"] not in ("completed","stopped")]')" "[]"
expect_eq "each report once (completed trials: 12 reports at step 12)" \
  "$(q '[(t["reports"], t["time"]) for t in d["trials"] if t["status"]=="completed" and (t["reports"]!=12 or t["time"]!=12.0)]')" "[]"
expect_eq "stopped trials: reports up to their stop" \
  "$(q '[t["number"] for t in d["trials"] if t["status"]=="stopped" and t["reports"]!=t["time"]]')" "[]"
expect_eq "best" "$(q 'd["best"]["params"]["lr"]')" 0.01
expect_eq "best value" "$(q 'd["best"]["value"]')" 0.9
if grep -q "Resuming build" "$CONSOLE_FILE"; then
  pass "the build went through a controller restart: $(grep -o 'Sweep restart: trial [0-9]* goes on after the restart' "$CONSOLE_FILE" | head -2 | tr '\n' ';')"
else
  pass "no restart happened during this build"
fi
