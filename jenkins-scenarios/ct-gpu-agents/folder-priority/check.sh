#!/usr/bin/env bash
# The job without a class of its own ranks with its folder's class (nightly) above the job whose own
# class is hpo-sweep, although it queued later, and its node block runs first.
set -euo pipefail
. "$SCENARIO_LIB"
rows=$(awk '/^queue while holder has the GPUs:/{on=1; next} on && /^[0-9]+\. /' "$CONSOLE_FILE")
echo "$rows"
quota="the quota for ct-gpu-team is 2 GPUs and 2 are in use; it needs 2 more"
expect_contains "first in the queue" "$(sed -n 1p <<<"$rows")" "1. part of ct-gpu-team » inherits #"
expect_contains "first in the queue" "$(sed -n 1p <<<"$rows")" "[nightly] $quota"
expect_contains "second in the queue" "$(sed -n 2p <<<"$rows")" "2. part of ct-gpu-team » own-class #"
expect_contains "second in the queue" "$(sed -n 2p <<<"$rows")" "[hpo-sweep] $quota"
ended=$(grep '^ended: ' "$CONSOLE_FILE" | head -1)
read -r own_result own_end < <(sed -n 's/.*own-class=\([A-Z]*\) \([0-9]*\).*/\1 \2/p' <<<"$ended")
read -r inh_result inh_end < <(sed -n 's/.*inherits=\([A-Z]*\) \([0-9]*\).*/\1 \2/p' <<<"$ended")
expect_eq "own-class result" "$own_result" SUCCESS
expect_eq "inherits result" "$inh_result" SUCCESS
[[ $inh_end -lt $own_end ]] || fail "inherits (nightly, from its folder) should run before own-class (hpo-sweep): ended $inh_end vs $own_end"
pass "inherits ran first ($inh_end < $own_end)"
expect_contains "folder config page" "$(jget job/ct-gpu-team/configure)" "GPU priority class of the jobs in this folder"
