#!/usr/bin/env bash
# The passing gate on the build: the action's JSON (verdict, counts, key metric, the whole table),
# the reports kept in the build directory, the chart options, the build page box and the gate page;
# then the dry-run promotion: recorded as such, the model from CT_MODEL_URI with the file's hash,
# the requests it would send in the console, and no point on the job's trend.
set -euo pipefail
. "$SCENARIO_LIB"
b="job/$JOB/$BUILD"
api=$(jget "$b/promotion/api/json?depth=1")
g() { json_get "$1" <<<"$api"; }

expect_eq "verdict of the build" "$(g 'd["verdict"]')" PASS
expect_eq "number of gates" "$(g 'len(d["gates"])')" 1
expect_eq "gate verdict" "$(g 'd["gates"][0]["verdict"]')" PASS
expect_eq "gate summary" "$(g 'd["gates"][0]["summary"]')" "All 4 required checks passed."
expect_eq "rows" "$(g 'd["gates"][0]["rowCount"]')" 4
expect_eq "spec" "$(g 'd["gates"][0]["spec"]')" gate.yaml
expect_eq "dataset version" "$(g 'd["gates"][0]["datasetVersion"]')" ds-scenario-1
expect_eq "paired examples" "$(g 'd["gates"][0]["examples"]')" 200
expect_eq "key metric" "$(g 'd["gates"][0]["keyMetric"]')" correct
expect_eq "key metric, candidate" "$(g 'd["gates"][0]["keyCandidate"]')" 0.9
expect_eq "key metric, production" "$(g 'd["gates"][0]["keyBaseline"]')" 0.8
expect_eq "no result applied" "$(g 'd["gates"][0].get("appliedResult")')" null
expect_eq "table labels" "$(g '[r["label"] for r in d["gates"][0]["checks"]]')" \
  '["accuracy", "accuracy [source=clinic]", "accuracy [source=web]", "latency_p95_ms"]'
expect_eq "table outcomes" "$(g '[r["outcome"] for r in d["gates"][0]["checks"]]')" '["PASS", "PASS", "PASS", "PASS"]'
sha=$(printf weights | sha256sum | cut -d' ' -f1)
expect_eq "dry run recorded" "$(g '[(p["status"], p["dryRun"]) for p in d["promotions"]]')" '[["CREATED", true]]'
expect_eq "dry run: model from CT_MODEL_URI" "$(g 'd["promotions"][0]["uri"]')" s3://models/phase-recognition/2/model.onnx
expect_eq "dry run: SHA-256 of out/model.onnx" "$(g 'd["promotions"][0]["sha256"]')" "$sha"
expect_eq "dry run: version from the hash" "$(g 'd["promotions"][0]["version"]')" "sha256-${sha:0:12}"

report=$(jget "$b/promotion/report?gate=1")
expect_eq "JSON report verdict" "$(json_get 'd["verdict"]' <<<"$report")" PASS
expect_eq "JSON report rows" "$(json_get 'len(d["checks"])' <<<"$report")" 4
md=$(jget "$b/promotion/report?gate=1&format=md")
expect_contains "Markdown report" "$md" "Regression gate: **PASS**"
expect_eq "unknown gate" "$(jstatus GET "$b/promotion/report?gate=7")" 404

chart=$(jget "$b/promotion/chart?gate=1")
expect_eq "chart panels" "$(json_get '[p["check"] for p in d["panels"]]' <<<"$chart")" '["accuracy", "latency_p95_ms"]'
expect_eq "chart bars of accuracy" "$(json_get 'd["panels"][0]["option"]["series"][0]["data"]' <<<"$chart")" '[0.9, 1.0, 0.8]'

page=$(jget "$b/")
expect_contains "build page badge" "$page" 'class="ct-verdict ct-verdict-pass"'
expect_contains "build page gate" "$page" "All 4 required checks passed."
expect_contains "build page table" "$page" "accuracy [source=clinic]"
expect_contains "build page chart holder" "$page" "promotion/chart?gate=1"
detail=$(jget "$b/promotion/")
expect_contains "gate page" "$detail" "dataset version <code>ds-scenario-1</code>, 200 paired examples"
expect_contains "gate page reason column" "$detail" "<th>Reason</th>"
console=$(cat "$CONSOLE_FILE")
expect_contains "console" "$console" "Regression gate PASS: All 4 required checks passed."
expect_contains "console: dry run" "$console" "(dry run: nothing is sent)"
expect_contains "console: planned merge request" "$console" "would send POST /api/v4/projects/ml%2Fdeploy/merge_requests"
expect_contains "console: dry run result" "$console" "Dry run: would open a merge request from ct/promote/models.phase-recognition into main of ml/deploy; nothing was sent"
expect_eq "dry run: no merge request URL" "$(g 'd["promotions"][0].get("mergeRequestUrl")')" null
expect_contains "build page: dry run" "$page" "(dry run, nothing was sent)"
trend=$(jget "job/$JOB/promotions/trend")
expect_eq "no trend point for a dry run" "$(json_get 'd["xAxis"]["data"]' <<<"$trend")" '[]'

