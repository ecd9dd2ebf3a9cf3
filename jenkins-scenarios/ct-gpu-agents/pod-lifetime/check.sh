#!/usr/bin/env bash
# The build's GPU use of the pod agent lasts from the agent's creation to its removal (about 15 s),
# not just the 3 s node block; GPU-hours and cost follow from it.
set -euo pipefail
. "$SCENARIO_LIB"
created=$(sed -n 's/^pod agent \(.*\) created at \([0-9]*\)$/\1 \2/p' "$CONSOLE_FILE" | head -1)
read -r name created_at <<<"$created"
removed_at=$(sed -n 's/^pod agent .* removed: true at \([0-9]*\)$/\1/p' "$CONSOLE_FILE" | head -1)
[[ -n $name && -n $created_at && -n $removed_at ]] || fail "the scenario did not create and remove its pod agent"
expect_contains "console" "$(cat "$CONSOLE_FILE")" "node block on $name"

json=$(jget "job/$JOB/$BUILD/gpu/api/json?depth=1")
expect_eq "uses" "$(json_get '[(u["source"], u["node"], u["type"], u["gpus"]) for u in d["uses"]]' <<<"$json")" \
  "[[\"pod\", \"$name\", \"a100\", 1.0]]"
started=$(json_get 'd["uses"][0]["startedAt"]' <<<"$json")
ended=$(json_get 'd["uses"][0]["endedAt"]' <<<"$json")
python3 - "$created_at" "$removed_at" "$started" "$ended" <<'PY' || fail "the use does not span the pod agent's life"
import sys
created, removed, started, ended = map(int, sys.argv[1:])
assert 0 <= started - created < 2000, ("start", started, created)
assert abs(ended - removed) < 2000, ("end", ended, removed)
assert ended - started >= 14000, ("duration", ended - started)
PY
pass "pod use $(( (ended - started) / 1000 )) s, from creation to removal"
python3 -c "import sys; h=float(sys.argv[1]); d=(int(sys.argv[3])-int(sys.argv[2]))/3.6e6; assert abs(h-d) < 1e-9, (h, d)" \
  "$(json_get 'd["gpuHours"]' <<<"$json")" "$started" "$ended" || fail "GPU-hours do not match 1 GPU for the pod's life"
pass "GPU-hours $(json_get 'd["gpuHours"]' <<<"$json")"
