#!/usr/bin/env bash
# Jenkins' own cron polls the dataset (spec '* * * * *') and the change starts a build within about
# a minute, without anyone asking; then the trigger is removed again. Needs the script console.
set -euo pipefail
. "$SCENARIO_LIB"
ds="scn-cron-b$BUILD"

out=$(jpost scriptText --data-urlencode "script=import org.jenkinsci.plugins.structs.describable.DescribableModel
import org.jenkinsci.plugins.workflow.job.properties.PipelineTriggersJobProperty
def job = Jenkins.get().getItemByFullName('$JOB')
def dir = new File(Jenkins.get().rootDir, 'ct-scenario-data/$ds/lab-1/cats')
dir.deleteDir(); dir.mkdirs()
(1..5).each { new File(dir, 'f' + it + '.txt').text = 'cat ' * it }
def t = DescribableModel.of(io.jenkins.plugins.ct.datasets.DatasetTrigger).instantiate(
  [spec: '* * * * *', name: '$ds', location: dir.parentFile.parentFile.absolutePath, patterns: '{source}/{label}/*'])
job.removeProperty(PipelineTriggersJobProperty)
job.addProperty(new PipelineTriggersJobProperty([t]))
job.getProperty(PipelineTriggersJobProperty).startTriggers(true)
println 'armed'")
expect_contains "trigger armed" "$out" armed

want=$((BUILD + 1))
for _ in $(seq 1 150); do
  r=$(jget "job/$JOB/$want/api/json?tree=building,result" 2>/dev/null || true)
  [[ -n $r && $(json_get 'd["building"]' <<<"$r") == false ]] && break
  sleep 1
done
[[ -n ${r:-} ]] || fail "the cron poll started no build within 150 s"
expect_eq "triggered build result" "$(json_get 'd["result"]' <<<"$r")" SUCCESS
expect_contains "build started by the trigger" "$(jget "job/$JOB/$want/consoleText")" "TRIGGERED BY CRON: $ds has 5 files"
expect_contains "polling log" "$(jget "job/$JOB/datasetPollingLog/")" "Fire: $ds has 5 files"

jpost scriptText --data-urlencode "script=import org.jenkinsci.plugins.workflow.job.properties.PipelineTriggersJobProperty
Jenkins.get().getItemByFullName('$JOB').removeProperty(PipelineTriggersJobProperty)" >/dev/null
pass "trigger removed"
