#!/usr/bin/env bash
# "Why waiting" comes from the quota; the queue is in priority order, the move changes it, and the
# moved build starts first; a malformed request waits with its error; the GPU page renders.
set -euo pipefail
. "$SCENARIO_LIB"
console=$(cat "$CONSOLE_FILE")
job_name=$(json_get 'd["fullName"]' <<<"$(jget "job/$JOB/api/json?tree=fullName")")
quota="the quota for $job_name is 2 GPUs and 2 are in use; it needs 2 more"
expect_contains "why the sweep waits" "$console" "why sweep waits: Waiting for GPUs: $quota"
expect_contains "why gpu:0 waits" "$console" "why gpu:0 waits: Cannot ask for GPUs: GPU request 'gpu:0'"
before=$(awk '/^queue before the move:/{on=1; next} /^queue after the move:/{on=0} on && /^[0-9]+\. /' "$CONSOLE_FILE")
after=$(awk '/^queue after the move:/{on=1; next} on && /^[0-9]+\. /' "$CONSOLE_FILE" | head -2)
echo "$before"; echo "--"; echo "$after"
expect_contains "first before the move" "$(sed -n 1p <<<"$before")" "1. gpu:2,priority=nightly [nightly] $quota"
expect_contains "second before the move" "$(sed -n 2p <<<"$before")" "2. gpu:2,priority=hpo-sweep [hpo-sweep] $quota"
expect_contains "first after the move" "$(sed -n 1p <<<"$after")" "1. gpu:2,priority=hpo-sweep [nightly]"
expect_contains "second after the move" "$(sed -n 2p <<<"$after")" "2. gpu:2,priority=nightly [nightly]"
moved_id=$(sed -n 1p <<<"$after" | sed -n 's/.*(id \([0-9]*\))$/\1/p')
kept=$(grep '^kept moves: ' "$CONSOLE_FILE" | head -1)
expect_contains "move kept in the Jenkins home" "$kept" "<long>$moved_id</long>"
expect_contains "move kept in the Jenkins home" "$kept" "<priorityClass>nightly</priorityClass>"
sweep_line=$(grep -n '^sweep ran' "$CONSOLE_FILE" | head -1 | cut -d: -f1)
nightly_line=$(grep -n '^nightly ran' "$CONSOLE_FILE" | head -1 | cut -d: -f1)
[[ -n $sweep_line && -n $nightly_line && $sweep_line -lt $nightly_line ]] ||
  fail "the moved sweep build should start before the nightly one (lines $sweep_line, $nightly_line)"
pass "the moved sweep build started first"
expect_not_contains "console" "$console" "gpu:0 should never run"

# the GPU time of the three node blocks that ran, as the build's GPU action counts it
json=$(jget "job/$JOB/$BUILD/gpu/api/json?depth=1")
expect_eq "GPU uses" "$(json_get '[(u["source"], u["gpus"]) for u in d["uses"]]' <<<"$json")" \
  '[["agent", 2.0], ["agent", 2.0], ["agent", 2.0]]'
python3 -c "import sys; h=float(sys.argv[1]); assert 2*20/3600 < h < 2*40/3600, h" "$(json_get 'd["gpuHours"]' <<<"$json")" ||
  fail "GPU-hours do not fit 2 GPUs for about 20 + 3 s"
pass "GPU-hours $(json_get 'd["gpuHours"]' <<<"$json")"

page=$(jget manage/ct-gpu/)
expect_contains "GPU agents page" "$page" "Queued GPU work"
expect_contains "GPU agents page" "$page" "No build waits for GPUs."
expect_contains "GPU agents page" "$page" "No Kubernetes cloud is configured."
expect_eq "GET of the move action" "$(jstatus GET manage/ct-gpu/move?id=1\&direction=up)" 404
