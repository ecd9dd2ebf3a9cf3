#!/usr/bin/env bash
# The run recorded on the agent has every source: service messages, the metric file, the TensorBoard
# event file (key prefixed with its directory), the controller-side logMetric, system samples; and
# its series reached the build directory.
set -euo pipefail
. "$SCENARIO_LIB"
api=$(jget "job/$JOB/$BUILD/experiment/api/json?depth=1")
m() { json_get "[m['$2'] for m in d['runs'][0]['metrics'] if m['key']=='$1'][0]" <<<"$api"; }
expect_eq "status" "$(json_get 'd["runs"][0]["status"]' <<<"$api")" FINISHED
expect_eq "val/mAP points (6 printed on the agent + 1 logMetric)" "$(m val/mAP count)" 7
expect_eq "val/mAP last (logMetric, step 7)" "$(m val/mAP last)" 0.5
expect_eq "lr points (metrics/*.jsonl)" "$(m lr count)" 6
expect_eq "TensorBoard points (tb/**)" "$(m train/epoch_loss count)" 6
expect_eq "TensorBoard best" "$(m train/epoch_loss best)" "$(python3 -c 'import struct; print(struct.unpack("<f", struct.pack("<f", 1/6))[0])')"
expect_contains "system metrics sampled on the agent" "$(json_get '[s["key"] for s in d["runs"][0]["system"]]' <<<"$api")" "sys/mem_used_mib"
view=$(jget "job/$JOB/$BUILD/experiment/view?run=b$BUILD-on-agent")
expect_eq "charts from the series copied to the build" "$(json_get '[m["key"] for m in d["metrics"]]' <<<"$view")" '["lr", "train/epoch_loss", "val/mAP"]'
expect_contains "console" "$(cat "$CONSOLE_FILE")" "Running on ct-agent"
