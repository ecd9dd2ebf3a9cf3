#!/usr/bin/env bash
# Disjoint GPU sets for the branches that ran together, a waiting branch with the reason, every
# lease released, and the build's GPU action on its page and in its JSON API.
set -euo pipefail
. "$SCENARIO_LIB"
console=$(cat "$CONSOLE_FILE")
gpus() { sed -n "s/.*branch $1 GPUs=\([0-9,]*\) NVIDIA=\([0-9,]*\).*/\1 \2/p" "$CONSOLE_FILE" | head -1; }
read -r a a_nv <<<"$(gpus a)"; read -r b b_nv <<<"$(gpus b)"; read -r c c_nv <<<"$(gpus c)"
pass "branch a got '$a', b got '$b', c got '$c'"
[[ $a =~ ^[0-3],[0-3]$ && $b =~ ^[0-3],[0-3]$ && $c =~ ^[0-3],[0-3]$ ]] || fail "each branch must get 2 of the GPUs 0-3"
expect_eq "NVIDIA_VISIBLE_DEVICES of a" "$a_nv" "$a"
all=$(tr ',' '\n' <<<"$a,$b" | sort -u | wc -l)
expect_eq "distinct GPUs of the two branches that ran together" "$all" 4
expect_contains "console" "$console" "Waiting for 2 GPUs on the built-in node: needs 2 GPUs but none of 4 are free; held by"
expect_eq "releases" "$(grep -c 'Released GPUs' "$CONSOLE_FILE")" 3

json=$(jget "job/$JOB/$BUILD/gpu/api/json?depth=1")
expect_eq "uses" "$(json_get 'len(d["uses"])' <<<"$json")" 3
expect_eq "sources" "$(json_get 'sorted(set(u["source"] for u in d["uses"]))' <<<"$json")" '["withGpus"]'
expect_eq "types" "$(json_get 'sorted(set(u["type"] for u in d["uses"]))' <<<"$json")" '["a100"]'
expect_eq "GPUs" "$(json_get 'd["gpus"]' <<<"$json")" 6.0
expect_eq "devices of the uses" "$(json_get 'sorted(u["devices"] for u in d["uses"])' <<<"$json")" \
  "$(python3 -c 'import json,sys; print(json.dumps(sorted(sys.argv[1:])))' "$a" "$b" "$c")"
hours=$(json_get 'd["gpuHours"]' <<<"$json")
cost=$(json_get 'd["cost"]' <<<"$json")
python3 -c "import sys; h,c=float(sys.argv[1]),float(sys.argv[2]); assert 6*7/3600 < h < 6*60/3600, h; assert abs(c-h*3.6) < 1e-6, (c,h)" "$hours" "$cost" ||
  fail "GPU-hours $hours / cost $cost do not fit 3 leases of 2 GPUs for about 8 s at 3.60"
pass "GPU-hours $hours cost $cost USD"
expect_eq "currency" "$(json_get 'd["currency"]' <<<"$json")" USD
expect_eq "utilisation" "$(json_get 'round(d["averageUtilisationPercent"], 3)' <<<"$json")" 20.0
expect_contains "warning" "$(json_get 'd["warning"]' <<<"$json")" "this build used 20 % of 6 A100s"

page=$(jget "job/$JOB/$BUILD/gpu/")
expect_contains "GPU page" "$page" "ct-gpu-uses"
expect_contains "GPU page" "$page" "this build used 20 % of 6 A100s"
expect_contains "build page" "$(jget "job/$JOB/$BUILD/")" "GPU-hours"

