#!/usr/bin/env bash
# The build's GPU action takes its average utilisation from the tracking plugin's GPU series of the
# leased GPUs (the stand-in nvidia-smi on the agent's PATH: 55 % on GPUs 0-1, 5 % on 2-3), not from its
# own lease samples (20 %); the tracking run's summaries (run.json in the build directory) carry
# the mean it uses.
set -euo pipefail
. "$SCENARIO_LIB"
devices=$(sed -n 's/^GPUs=\([0-9,]*\)$/\1/p' "$CONSOLE_FILE" | head -1)
pass "leased GPUs: '$devices'"
[[ $devices =~ ^[0-3],[0-3]$ ]] || fail "the block must lease 2 of the GPUs 0-3"
expected=$(python3 -c 'import sys; print(sum(55 if int(g) < 2 else 5 for g in sys.argv[1].split(",")) / 2)' "$devices")

plugins=$(jget "pluginManager/api/json?depth=1&tree=plugins%5BshortName,active%5D")
expect_eq "ct-tracking active" "$(json_get '[p["active"] for p in d["plugins"] if p["shortName"]=="ct-tracking"]' <<<"$plugins")" '[true]'

exp=$(jget "job/$JOB/$BUILD/experiment/api/json?depth=2")
system=$(json_get '[m["key"] for m in d["runs"][0]["system"] if m["key"].startswith("gpu")]' <<<"$exp")
[[ $system == *'"gpu0/util_percent"'* ]] ||
  fail "the tracking run has no GPU series ($system): the stand-in nvidia-smi on the agent's PATH did not run"
pass "tracking GPU series: $system"

json=$(jget "job/$JOB/$BUILD/gpu/api/json?depth=1")
expect_eq "utilisation source" "$(json_get 'd["utilisationSource"]' <<<"$json")" ct-tracking
expect_eq "average utilisation of the leased GPUs" \
  "$(json_get 'round(d["averageUtilisationPercent"], 3)' <<<"$json")" "$expected"
expect_eq "own samples of the lease (kept per use)" \
  "$(json_get '[round(u["utilisationPercent"], 3) for u in d["uses"]]' <<<"$json")" '[20.0]'
# 55 % is above the waste threshold (default 50 %): no warning, where the lease's own 20 % warned
[[ $expected == 55.0 ]] && expect_eq "warning" "$(json_get 'd["warning"]' <<<"$json")" null
expect_contains "GPU page" "$(jget "job/$JOB/$BUILD/gpu/")" "(from ct-tracking)"
