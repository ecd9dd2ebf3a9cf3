#!/usr/bin/env bash
# Bad settings fail clearly, naming the field, without a stack trace; nothing is recorded for them.
set -euo pipefail
. "$SCENARIO_LIB"
console=$(cat "$CONSOLE_FILE")
expect_contains "unknown setting named" "$console" "REFUSED Sweep settings: trails: unknown sweep setting"
expect_contains "unknown action refused" "$console" "REFUSED sweepDecision: action must be start, next or finish, got 'trial'"
expect_contains "bad space names the parameter" "$console" "Sweep settings: space"
expect_not_contains "no stack trace" "$console" "at io.ctsuite"
build=$(jget "job/$JOB/$BUILD/api/json")
expect_not_contains "no sweep recorded" "$build" "SweepAction"
