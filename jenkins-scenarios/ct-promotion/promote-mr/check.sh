#!/usr/bin/env bash
# What the promotion left: three promotions on the build (CREATED, UNCHANGED, UPDATED of !1) with
# the lineage the build gave, two comment calls (CREATED, UNCHANGED), the fake GitLab's branch and
# merge request holding version 43 and the model card; the token nowhere in the console or the
# build's files; Test connection (POST only) naming the token's user or saying it was refused.
# Needs the fake GitLab the build left on 127.0.0.1:18195 (stopped at the end) and, on a secured
# Jenkins, Overall/Administer (script console, form validation).
set -euo pipefail
. "$SCENARIO_LIB"
b="job/$JOB/$BUILD"
fake=http://127.0.0.1:18195
trap 'curl -s -X POST "$fake/_shutdown" >/dev/null 2>&1 || true' EXIT

api=$(jget "$b/promotion/api/json?depth=1")
g() { json_get "$1" <<<"$api"; }
expect_eq "promotion statuses" "$(g '[p["status"] for p in d["promotions"]]')" '["CREATED", "UNCHANGED", "UPDATED"]'
expect_eq "merge request numbers" "$(g '[p["mergeRequestIid"] for p in d["promotions"]]')" '[1, 1, 1]'
expect_eq "merge request URL" "$(g 'd["promotions"][2]["mergeRequestUrl"]')" "$fake/ml/deploy/-/merge_requests/1"
expect_eq "merge request state" "$(g 'd["promotions"][2]["mergeRequestState"]')" opened
expect_eq "versions" "$(g '[p["version"] for p in d["promotions"]]')" '["42", "42", "43"]'
expect_eq "sha256 of out/model.onnx at the last promotion" "$(g 'd["promotions"][2]["sha256"]')" \
  "$(printf 'weights of version 43' | sha256sum | cut -d' ' -f1)"
expect_eq "gate verdict behind it" "$(g 'd["promotions"][2]["gateVerdict"]')" PASS
expect_eq "key metric recorded" "$(g 'd["promotions"][2]["keyMetric"]')" correct
expect_eq "branch" "$(g 'd["promotions"][2]["branch"]')" ct/promote/models.phase-recognition
expect_eq "comment statuses" "$(g '[c["status"] for c in d["comments"]]')" '["CREATED", "UNCHANGED"]'
expect_eq "comment key" "$(g 'd["comments"][0]["key"]')" "$JOB"

state=$(jget "$b/artifact/gitlab-state.json")
s() { json_get "$1" <<<"$state"; }
config=$(s 'd["branches"]["ct/promote/models.phase-recognition"]["deploy/models.yaml"]')
expect_contains "promoted config: URI" "$config" "uri: s3://models/phase-recognition/43/model.onnx  # current"
expect_contains "promoted config: version" "$config" 'version: "43"'
expect_contains "promoted config: lineage commit" "$config" "git_commit: 5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80"
expect_contains "promoted config: lineage dataset" "$config" "dataset_version: phase-videos@v7"
expect_contains "promoted config: other model kept" "$config" "tool-detection:"
expect_contains "main branch untouched" "$(s 'd["branches"]["main"]["deploy/models.yaml"]')" 'version: "41"'
expect_eq "merge requests" "$(s 'len(d["merge_requests"])')" 1
expect_eq "merge request title" "$(s 'd["merge_requests"][0]["title"]')" "Promote phase-recognition to 43"
expect_eq "merge request labels" "$(s 'd["merge_requests"][0]["labels"]')" '["ml-promotion"]'
mrtext=$(s 'd["merge_requests"][0]["description"]')
expect_contains "model card" "$mrtext" "## Model card: phase-recognition"
expect_contains "model card gate" "$mrtext" "Regression gate: **PASS**"
expect_eq "commits (the unchanged re-run sent none)" "$(s 'len(d["commits"])')" 2
notes=$(s '[n["body"] for n in d["notes"]["1"]]')
expect_contains "sticky report note" "$notes" "<!-- ct-gate-report:$JOB -->"
expect_eq "notes: the update note and one sticky report" "$(s 'len(d["notes"]["1"])')" 2

# The token: read from the credential through the script console, then looked for everywhere.
script='def c = com.cloudbees.plugins.credentials.SystemCredentialsProvider.getInstance().getCredentials().find { it.id == "ct-scenario-gitlab-token" }
def token = c.secret.plainText
def build = jenkins.model.Jenkins.get().getItemByFullName("'"$JOB"'").getBuildByNumber('"$BUILD"')
def hits = []
build.rootDir.eachFileRecurse(groovy.io.FileType.FILES) { f -> if (f.getText("UTF-8").contains(token)) { hits << f.name } }
println("token-length=" + token.length() + " files-with-token=" + hits)'
found=$(jpost scriptText --data-urlencode "script=$script")
expect_contains "token read through the script console" "$found" "token-length=38"
expect_contains "build files (build.xml, log, reports)" "$found" "files-with-token=[]"
token=$(jpost scriptText --data-urlencode 'script=print(com.cloudbees.plugins.credentials.SystemCredentialsProvider.getInstance().getCredentials().find { it.id == "ct-scenario-gitlab-token" }.secret.plainText)')
# (not expect_not_contains: its message would print the token)
[[ -n $token && $(cat "$CONSOLE_FILE") != *"$token"* ]] && pass "the console lacks the token" || fail "the token is in the console"
[[ $api != *"$token"* ]] && pass "the promotion JSON API lacks the token" || fail "the token is in the JSON API"

d=descriptorByName/io.jenkins.plugins.ct.promotion.GitLabConnection
expect_eq "Test connection is POST only" "$(jstatus GET "$d/testConnection?url=$fake&credentialsId=ct-scenario-gitlab-token")" 404
ok=$(jpost "$d/testConnection" --data-urlencode "url=$fake" --data-urlencode credentialsId=ct-scenario-gitlab-token)
expect_contains "Test connection" "$ok" "Connected to $fake as ct-bot (CT Bot)"
refused=$(jpost "$d/testConnection" --data-urlencode "url=$fake" --data-urlencode credentialsId=ct-scenario-wrong-token)
expect_contains "Test connection with a wrong token" "$refused" "did not accept the token (401 Unauthorized)"
expect_not_contains "Test connection message" "$refused" "glpat-wrong"
config_page=$(jget manage/configure)
expect_contains "System page: connections" "$config_page" "GitLab connections"
expect_contains "System page: the connection" "$config_page" "scenario-gitlab"

history=$(jget "job/$JOB/promotions/api/json?depth=1")
expect_eq "job history of this build, newest first" \
  "$(json_get "[e['promotion']['status'] for e in d['history'] if e['build'] == $BUILD]" <<<"$history")" \
  '["UPDATED", "UNCHANGED", "CREATED"]'
expect_eq "job history: merge request" \
  "$(json_get "[e['promotion']['mergeRequestUrl'] for e in d['history'] if e['build'] == $BUILD][0]" <<<"$history")" \
  "$fake/ml/deploy/-/merge_requests/1"
trend=$(jget "job/$JOB/promotions/trend")
expect_eq "trend line" "$(json_get 'd["series"][0]["name"]' <<<"$trend")" "phase-recognition correct"
expect_eq "trend: one point per build" "$(json_get "d['xAxis']['data'].count('#$BUILD')" <<<"$trend")" 1
expect_eq "trend: last point is this build" "$(json_get 'd["xAxis"]["data"][-1]' <<<"$trend")" "#$BUILD"
expect_eq "trend: promoted value" "$(json_get 'd["series"][0]["data"][-1]["value"]' <<<"$trend")" 0.9
expect_eq "trend: its version" "$(json_get 'd["series"][0]["data"][-1]["name"]' <<<"$trend")" 43
job_page=$(jget "job/$JOB/")
expect_contains "job page: trend box" "$job_page" "Promoted models: key metric"
expect_contains "job page: link" "$job_page" "promotions/trend"
history_page=$(jget "job/$JOB/promotions/")
expect_contains "history page" "$history_page" ">!1</a> opened"

page=$(jget "$b/")
expect_contains "build page: merge request link" "$page" "href=\"$fake/ml/deploy/-/merge_requests/1\""
