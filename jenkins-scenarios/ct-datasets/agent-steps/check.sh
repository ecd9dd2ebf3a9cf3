#!/usr/bin/env bash
# What the steps did on the agent came back over the remoting channel: versions, counts, the
# decision, the materialization; the console shows the agent's progress lines.
set -euo pipefail
. "$SCENARIO_LIB"
ds="scn-agent-b$BUILD"
console=$(cat "$CONSOLE_FILE")
expect_contains "ran on the agent" "$console" "ON AGENT ct-datasets-agent-$BUILD"
expect_contains "agent progress" "$console" "files/s"
expect_contains "agent decision" "$console" "AGENT DIFF retrain=true reason=$ds has a new source site-3 since v1: +10 files"
expect_contains "agent materialized" "$console" "AGENT USED v2 30 files in"
expect_contains "agent console flushed before the step returns" "$console" "Recorded $ds v2"
expect_contains "agent materialization logged" "$console" "Materialized in train/"
expect_not_contains "no class filter rejection" "$console" "Rejected"
api=$(jget "job/$JOB/$BUILD/datasets/api/json?depth=2")
expect_eq "records" "$(json_get '[r["kind"] for r in d["records"]]' <<<"$api")" '["SNAPSHOT", "SNAPSHOT", "DIFF", "USE", "BALANCE"]'
expect_eq "v2 labels from the agent" "$(json_get 'd["records"][1]["labels"]' <<<"$api")" 2
expect_eq "selection on the agent" "$(json_get 'd["records"][3]["files"]' <<<"$api")" 30
expect_eq "balance on the agent" "$(json_get 'd["records"][4]["files"]' <<<"$api")" 20
expect_contains "trigger polled on the agent" "$console" "Looking on ct-datasets-agent-$BUILD"
expect_contains "agent poll fired" "$console" "POLL fire=true reason=$ds-watched has 40 files"
expect_contains "agent poll hashed there" "$console" "Listed 40 files"
