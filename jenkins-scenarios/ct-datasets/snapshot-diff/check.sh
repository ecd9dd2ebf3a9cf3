#!/usr/bin/env bash
# The build's Datasets action: what each step recorded, the decisions, the counts per label; the
# console's progress lines; the registry page.
set -euo pipefail
. "$SCENARIO_LIB"
ds="scn-videos-b$BUILD"
api=$(jget "job/$JOB/$BUILD/datasets/api/json?depth=2")
q() { json_get "$1" <<<"$api"; }

expect_eq "record kinds" "$(q '[r["kind"] for r in d["records"]]')" \
  '["SNAPSHOT", "SNAPSHOT", "SNAPSHOT", "DIFF", "DIFF", "DIFF", "USE", "USE", "BALANCE", "SNAPSHOT", "MIX"]'
expect_eq "first snapshot is v1" "$(q 'd["records"][0]["version"]')" v1
expect_eq "unchanged snapshot recorded nothing new" "$(q 'd["records"][1]["created"]')" false
expect_eq "second version" "$(q 'd["records"][2]["version"]')" v2
expect_eq "v2 files" "$(q 'd["records"][2]["files"]')" 200
expect_eq "v2 sources" "$(q 'd["records"][2]["sources"]')" 3
expect_eq "v2 labels" "$(q 'd["records"][2]["labels"]')" 2
expect_eq "diff: retrain" "$(q 'd["records"][3]["retrain"]')" true
expect_contains "diff: reason" "$(q 'd["records"][3]["reason"]')" "$ds grew 2.00× since v1: +100 files"
expect_contains "diff: new source in reason" "$(q 'd["records"][3]["reason"]')" "new source hospital-c"
expect_eq "strict policy: no retrain" "$(q 'd["records"][4]["retrain"]')" false
expect_contains "strict policy reason" "$(q 'd["records"][4]["reason"]')" "changed too little since v1"
expect_eq "no trained version yet: train" "$(q 'd["records"][5]["retrain"]')" true
expect_eq "use pins v2" "$(q 'd["records"][6]["version"]')" v2
expect_eq "use materialized" "$(q 'd["records"][6]["materializedTo"]')" train-data/
expect_eq "query selection" "$(q 'd["records"][7]["files"]')" 90
expect_eq "query text" "$(q 'd["records"][7]["query"]')" "label == 'bleeding'"
expect_eq "balance: 25 per group" "$(q 'd["records"][8]["files"]')" 50
expect_eq "mix total" "$(q 'd["records"][10]["files"]')" 40
expect_contains "mix source" "$(q 'd["records"][10]["source"]')" "$ds-extra@"

stats=$(jget "job/$JOB/$BUILD/datasets/stats?record=2")
expect_eq "label distribution" "$(json_get '[(g["name"], g["files"]) for g in d["byLabel"]]' <<<"$stats")" \
  '[["bleeding", 90], ["normal", 110]]'
expect_eq "source distribution" "$(json_get '[g["name"] for g in d["bySource"]]' <<<"$stats")" \
  '["hospital-a", "hospital-b", "hospital-c"]'

console=$(cat "$CONSOLE_FILE")
expect_contains "console: progress rate" "$console" "files/s"
expect_contains "console: progress throughput" "$console" "MB/s"
expect_contains "console: recorded" "$console" "Recorded $ds v2"
expect_contains "console: unchanged" "$console" "$ds is unchanged: same content as v1"
expect_contains "console: materialized" "$console" "Materialized in train-data/"

page=$(jget "job/$JOB/$BUILD/")
expect_contains "build page summary" "$page" "Compared: <strong>$ds</strong>"
expect_contains "build page reason" "$page" "new source hospital-c"
detail=$(jget "job/$JOB/$BUILD/datasets/")
expect_contains "detail page chart" "$detail" 'data-stats-url="stats?record=2"'
expect_eq "stats needs a record" "$(jstatus GET "job/$JOB/$BUILD/datasets/stats?record=99")" 404

root=$(jget "ct-datasets/api/json?depth=1")
expect_eq "registry page lists the dataset" "$(json_get '[x["versions"] for x in d["datasets"] if x["name"]=="'"$ds"'"]' <<<"$root")" "[2]"
expect_contains "registry page" "$(jget "ct-datasets/")" "dataset/$ds/"
versions=$(jget "ct-datasets/dataset/$ds/api/json?depth=1")
expect_eq "versions newest first" "$(json_get '[v["version"] for v in d["versions"]]' <<<"$versions")" '["v2", "v1"]'
expect_eq "v2 note" "$(json_get 'd["versions"][0]["note"]' <<<"$versions")" "hospital-c arrived"
vpage=$(jget "ct-datasets/dataset/$ds/v2/")
expect_contains "version page: change since v1" "$vpage" "v1 → v2: +100 files"
expect_contains "version page: labels" "$vpage" "<td>bleeding</td><td>90</td>"
vstats=$(jget "ct-datasets/dataset/$ds/v2/stats")
expect_eq "version stats" "$(json_get '[g["files"] for g in d["bySource"]]' <<<"$vstats")" "[80, 20, 100]"
expect_eq "unknown dataset" "$(jstatus GET "ct-datasets/dataset/no-such-dataset-x/v1/")" 404
expect_eq "bad dataset name" "$(jstatus GET "ct-datasets/dataset/-x/")" 404
job=$(jget "job/$JOB/datasets/")
expect_contains "job dataset versions page" "$job" "Dataset versions consumed"
expect_contains "job page trend box" "$(jget "job/$JOB/")" 'datasets/trend'
