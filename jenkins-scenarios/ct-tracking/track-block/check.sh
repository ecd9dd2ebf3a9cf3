#!/usr/bin/env bash
# What the tracked block left: one FINISHED run with the console's, $CT_METRICS_FILE's and the
# pattern-matched file's metrics (each point once, although `sh` traces every echo), params from a
# service message and a JSON line, the artifact with size and SHA-256, the bad JSON line as a
# capture warning, system samples; the pages and the chart view show them.
set -euo pipefail
. "$SCENARIO_LIB"
b="job/$JOB/$BUILD"
api=$(jget "$b/experiment/api/json?depth=1")
run() { json_get "$1" <<<"$api"; }

expect_eq "number of runs" "$(run 'len(d["runs"])')" 1
expect_eq "run name" "$(run 'd["runs"][0]["name"]')" phase-recognition
expect_eq "run id" "$(run 'd["runs"][0]["id"]')" "b$BUILD-phase-recognition"
expect_eq "status" "$(run 'd["runs"][0]["status"]')" FINISHED
metric() { run "[m for m in d['runs'][0]['metrics'] if m['key']=='$1'][0]['$2']"; }
expect_eq "train/loss points (## lines, trace lines not counted)" "$(metric train/loss count)" 5
expect_eq "train/loss last" "$(metric train/loss last)" 0.5
expect_eq "train/loss best (lower is better)" "$(metric train/loss best)" 0.5
expect_eq "train/loss goal" "$(metric train/loss goal)" min
expect_eq "train/loss mean" "$(run "round([m for m in d['runs'][0]['metrics'] if m['key']=='train/loss'][0]['mean'], 9)")" 0.7
expect_eq "val/mAP points from \$CT_METRICS_FILE" "$(metric val/mAP count)" 5
expect_eq "val/mAP best" "$(metric val/mAP best)" 0.35
expect_eq "eval/acc from metrics/*.jsonl" "$(metric eval/acc last)" 0.8
expect_eq "param lr (service message)" "$(run 'd["runs"][0]["params"]["lr"]')" 0.01
expect_eq "param batch (JSON line)" "$(run 'd["runs"][0]["params"]["batch"]')" 32
expect_eq "nested param" "$(run 'd["runs"][0]["params"]["optimizer.name"]')" adam
expect_eq "tag from echo on the controller" "$(run 'd["runs"][0]["tags"]["phase"]')" scenario
expect_eq "tag with the build" "$(run 'd["runs"][0]["tags"]["jenkins.build"]')" "$BUILD"
expect_eq "artifact path" "$(run 'd["runs"][0]["artifacts"][0]["path"]')" out/model.pt
expect_eq "artifact size" "$(run 'd["runs"][0]["artifacts"][0]["size"]')" 7
expect_eq "artifact sha256" "$(run 'd["runs"][0]["artifacts"][0]["sha256"]')" \
  "$(printf weights | sha256sum | cut -d' ' -f1)"
expect_contains "capture warnings" "$(run 'd["runs"][0]["warnings"]')" "train.jsonl:3"
expect_contains "system metrics" "$(run '[m["key"] for m in d["runs"][0]["system"]]')" "sys/mem_used_mib"

page=$(jget "$b/")
expect_contains "build page summary" "$page" "Experiment <strong>phase-recognition</strong>"
expect_contains "build page key metrics" "$page" "val/mAP"
detail=$(jget "$b/experiment/")
expect_contains "detail page" "$detail" "Capture warnings"
expect_contains "detail page params" "$detail" "optimizer.name"
expect_contains "detail page artifact" "$detail" "out/model.pt"
expect_contains "detail page chart holder" "$detail" "data-view-url=\"view?run=b$BUILD-phase-recognition\""

view=$(jget "$b/experiment/view?run=b$BUILD-phase-recognition")
expect_eq "view: metric charts" "$(json_get '[m["key"] for m in d["metrics"]]' <<<"$view")" \
  '["eval/acc", "train/loss", "val/mAP"]'
expect_eq "view: points on the train/loss chart" \
  "$(json_get '[len(m["option"]["series"][0]["data"]) for m in d["metrics"] if m["key"]=="train/loss"][0]' <<<"$view")" 5
expect_contains "view: system charts" "$(json_get '[s["title"] for s in d["system"]]' <<<"$view")" "Utilisation (%)"
summary=$(jget "$b/experiment/summary?run=phase-recognition")
expect_eq "run.json by experiment name" "$(json_get 'd["id"]' <<<"$summary")" "b$BUILD-phase-recognition"
expect_eq "unknown run" "$(jstatus GET "$b/experiment/view?run=nope")" 404
