#!/usr/bin/env bash
# Every way out of a withGpus block gives the GPUs back.
set -euo pipefail
. "$SCENARIO_LIB"
console=$(cat "$CONSOLE_FILE")
expect_contains "console" "$console" "body holds 0,1,2,3"
expect_contains "console" "$console" "body aborted:"
expect_contains "console" "$console" "after the aborted body: all 4 GPUs leased again: 0,1,2,3"
expect_contains "console" "$console" "Waiting for 1 GPU on the built-in node: needs 1 GPU but none of 4 are free; held by"
expect_contains "console" "$console" "waiting block aborted:"
expect_not_contains "console" "$console" "the waiter should not get a GPU"
expect_contains "console" "$console" "after the aborted wait: all 4 GPUs leased again: 0,1,2,3"
expect_contains "console" "$console" "refused: withGpus(5) on the built-in node: this machine has 4 GPUs; 5 can never be granted"
expect_not_contains "console" "$console" "five GPUs on a four-GPU machine?"
json=$(jget "job/$JOB/$BUILD/gpu/api/json?depth=1")
expect_eq "leases recorded" "$(json_get 'sorted(u["devices"] for u in d["uses"])' <<<"$json")" \
  '["0,1,2,3", "0,1,2,3", "0,1,2,3", "0,1,2,3"]'
