#!/usr/bin/env bash
# Three runs in the build: the one the steps recorded outside any block (named after the job), the
# tracked block's, and the published one; each with what its steps logged.
set -euo pipefail
. "$SCENARIO_LIB"
api=$(jget "job/$JOB/$BUILD/experiment/api/json?depth=1")
q() { json_get "$1" <<<"$api"; }
byname() { echo "[r for r in d['runs'] if r['name']=='$1'][0]"; }

expect_eq "runs" "$(q '[r["name"] for r in d["runs"]]')" "[\"$JOB\", \"steps\", \"evaluation\"]"
outside=$(byname "$JOB")
expect_eq "outside: lr" "$(q "$outside['params']['lr']")" 0.02
expect_eq "outside: nested param" "$(q "$outside['params']['optimizer.name']")" sgd
expect_eq "outside: metric points" "$(q "[m['count'] for m in $outside['metrics'] if m['key']=='setup/seconds'][0]")" 2
expect_eq "outside: metric last" "$(q "[m['last'] for m in $outside['metrics'] if m['key']=='setup/seconds'][0]")" 1.25
expect_eq "outside: artifact size" "$(q "$outside['artifacts'][0]['size']")" 6
expect_eq "outside: artifact hash" "$(q "$outside['artifacts'][0]['sha256']")" "$(printf report | sha256sum | cut -d' ' -f1)"
expect_eq "outside: artifact role" "$(q "$outside['artifacts'][0]['role']")" report

steps=$(byname steps)
expect_eq "block: status" "$(q "$steps['status']")" FINISHED
expect_eq "block: params" "$(q "sorted($steps['params'].items())")" '[["layers", 4], ["lr", 0.01]]'
expect_eq "block: val/acc best" "$(q "[m['best'] for m in $steps['metrics'] if m['key']=='val/acc'][0]")" 0.75
expect_eq "block: loss steps numbered" "$(q "[m['lastStep'] for m in $steps['metrics'] if m['key']=='loss'][0]")" 1
expect_eq "block: artifact hashed on the agent" "$(q "$steps['artifacts'][0]['sha256']")" "$(printf abc | sha256sum | cut -d' ' -f1)"

evaluation=$(byname evaluation)
expect_eq "published: test/acc" "$(q "[m['last'] for m in $evaluation['metrics'] if m['key']=='test/acc'][0]")" 0.91
expect_contains "console: the Map of experimentResult" "$(cat "$CONSOLE_FILE")" "result FINISHED: val/acc last 0.75, best 0.75, lr 0.01"
expect_contains "console: the run inside its block" "$(cat "$CONSOLE_FILE")" "inside the block the run is RUNNING"
