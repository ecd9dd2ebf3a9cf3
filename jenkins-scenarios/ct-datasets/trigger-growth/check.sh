#!/usr/bin/env bash
# A dataset trigger on this job: the first poll holds back a batch still being copied (quiet period),
# then fires; no change and too little change do not fire; a new source fires once, with the cause,
# the environment and the previous version passed; the polling log and the trend show it all.
# Drives Jenkins through the script console (needs Overall/Administer) and the trigger's pollNow.
set -euo pipefail
. "$SCENARIO_LIB"
ds="scn-trigger-b$BUILD"
quiet=12

groovy() { jpost scriptText --data-urlencode "script=$1"; }
poll() { jpost "job/$JOB/datasetPollingLog/pollNow?wait=true"; }
last_build() { json_get 'd["number"]' < <(jget "job/$JOB/lastBuild/api/json?tree=number"); }
wait_build() { # wait_build N: until build N exists and finished
  for _ in $(seq 1 120); do
    r=$(jget "job/$JOB/$1/api/json?tree=building,result" 2>/dev/null || true)
    if [[ -n $r && $(json_get 'd["building"]' <<<"$r") == false ]]; then return 0; fi
    sleep 1
  done
  fail "build #$1 did not finish"
}
files() { # files SUBDIR PREFIX N: N new files in the watched directory, written by the controller
  groovy "def d = new File(Jenkins.get().rootDir, 'ct-scenario-data/$ds/$1'); d.mkdirs()
for (int i = 1; i <= $3; i++) { new File(d, '$2' + i + '.txt').text = '$2' + i + ' ' * i }
println 'ok'"
}

# the trigger, built from the map a Jenkinsfile would give (the same DescribableModel as Pipeline)
out=$(groovy "import org.jenkinsci.plugins.structs.describable.DescribableModel
import org.jenkinsci.plugins.workflow.job.properties.PipelineTriggersJobProperty
def job = Jenkins.get().getItemByFullName('$JOB')
def dir = new File(Jenkins.get().rootDir, 'ct-scenario-data/$ds')
dir.deleteDir()
def t = DescribableModel.of(io.jenkins.plugins.ct.datasets.DatasetTrigger).instantiate(
  [spec: 'H H 1 1 *', name: '$ds', location: dir.absolutePath, patterns: '{source}/{label}/*',
   policy: [growth: 1.5, newSource: true, quiet: '${quiet}s']])
job.removeProperty(PipelineTriggersJobProperty)
job.addProperty(new PipelineTriggersJobProperty([t]))
job.getProperty(PipelineTriggersJobProperty).startTriggers(true)
println 'policy=' + job.getTriggers().values()[0].policyText")
expect_contains "trigger from a Pipeline map" "$out" "policy=growth>=1.5, new-source, quiet=${quiet}s"
expect_contains "job page links the polling log" "$(jget "job/$JOB/")" "datasetPollingLog"

files hospital-a/normal a 20 >/dev/null
log=$(poll)
expect_contains "fresh batch held back" "$log" "still changing"
expect_eq "no build while copying" "$(last_build)" "$BUILD"

sleep $((quiet + 2))
log=$(poll)
expect_contains "first poll fires" "$log" "Fire: $ds has 20 files"
first=$((BUILD + 1))
wait_build $first
b1=$(jget "job/$JOB/$first/api/json?depth=1")
expect_contains "cause: one line why" "$(json_get '[c["shortDescription"] for a in d["actions"] if "causes" in a for c in a["causes"]]' <<<"$b1")" \
  "Started by a dataset change: $ds has 20 files"
c1=$(jget "job/$JOB/$first/consoleText")
expect_contains "env CT_DATASET" "$c1" "TRIGGERED dataset=$ds version="
expect_contains "no previous for the first" "$c1" "previous=(none)"
expect_contains "sh sees the version" "$c1" "sh sees CT_DATASET_VERSION="
v1=$(json_get '[a["versionId"] for a in d["actions"] if a.get("_class","").endswith("DatasetTriggerAction")][0]' <<<"$b1")

log=$(poll)
expect_contains "no change" "$log" "No build: $ds has not changed since v1"
files hospital-a/normal extra 5 >/dev/null
sleep $((quiet + 2))
log=$(poll)
expect_contains "too little change" "$log" "changed too little since v1"
expect_eq "still one triggered build" "$(last_build)" "$first"

files hospital-c/bleeding c 3 >/dev/null
log=$(poll)
expect_contains "new source held back while copying" "$log" "is still changing"
sleep $((quiet + 2))
log=$(poll)
expect_contains "new source fires" "$log" "Fire: $ds has a new source hospital-c since v1: +8 files"
log=$(poll)
expect_contains "never twice for one change" "$log" "has not changed since v2"
second=$((first + 1))
wait_build $second
expect_eq "exactly two triggered builds" "$(last_build)" "$second"
c2=$(jget "job/$JOB/$second/consoleText")
expect_contains "previous version passed" "$c2" "previous=$v1"
expect_contains "reason passed" "$c2" "REASON $ds has a new source hospital-c since v1: +8 files"
expect_contains "the build pinned v2" "$c2" "Using $ds v2"

page=$(jget "job/$JOB/datasetPollingLog/")
expect_contains "polling log page" "$page" "Dataset polling log"
expect_contains "polling log: last consumed" "$page" "new source hospital-c"
trend=$(jget "job/$JOB/datasets/trend")
# earlier runs of the scenario left builds of other datasets in the trend: their points are null here
expect_eq "trend: files per triggered build" "$(json_get '[x for s in d["series"] if s["name"]=="'"$ds"'" for x in s["files"] if x is not None]' <<<"$trend")" "[20, 28]"
expect_eq "trend: sources" "$(json_get '[x for s in d["series"] if s["name"]=="'"$ds"'" for x in s["sources"] if x is not None]' <<<"$trend")" "[1, 2]"

expect_eq "pollNow needs POST" "$(jstatus GET "job/$JOB/datasetPollingLog/pollNow")" 404
