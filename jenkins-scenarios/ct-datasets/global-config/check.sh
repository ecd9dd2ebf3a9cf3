#!/usr/bin/env bash
# The registry settings are on Manage Jenkins > System (JCasC: unclassified: ctDatasets), their checks
# are POST-only with the messages users see, and the steps and the trigger are known to Pipeline
# under their symbols. Needs Overall/Administer on a secured Jenkins (script console, form checks).
set -euo pipefail
. "$SCENARIO_LIB"
d=descriptorByName/io.jenkins.plugins.ct.datasets.CtDatasetsConfiguration

page=$(jget manage/configure)
expect_contains "System page section" "$page" "CT datasets"
for field in registry s3Endpoint s3Region credentialsId defaultFilter defaultPathPatterns defaultPolicy; do
  expect_contains "System page field $field" "$page" "_.$field"
done
expect_eq "GET of a check" "$(jstatus GET "$d/checkRegistry?value=x")" 404
expect_contains "relative registry refused" "$(jpost "$d/checkRegistry" --data value=relative/dir)" "absolute directory"
expect_eq "s3 registry" "$(jpost "$d/checkRegistry" --data-urlencode value=s3://bucket/prefix)" "<div/>"
expect_contains "endpoint without scheme" "$(jpost "$d/checkS3Endpoint" --data value=minio:9000)" "http:// or https://"
expect_contains "bad policy" "$(jpost "$d/checkDefaultPolicy" --data-urlencode 'value=growth>=2, sometimes')" "unknown condition"
expect_eq "good policy" "$(jpost "$d/checkDefaultPolicy" --data-urlencode 'value=growth>=1.5, new-source, quiet=10m')" "<div/>"
expect_contains "bad filter" "$(jpost "$d/checkDefaultFilter" --data-urlencode 'value=size >')" "column"
expect_contains "bad pattern" "$(jpost "$d/checkDefaultPathPatterns" --data-urlencode 'value={source/{label}/*')" "{"

out=$(jpost scriptText --data-urlencode 'script=
import org.jenkinsci.plugins.structs.SymbolLookup
import hudson.triggers.TriggerDescriptor
def c = io.jenkins.plugins.ct.datasets.CtDatasetsConfiguration.get()
println "symbol=" + SymbolLookup.getSymbolValue(c)
for (f in ["datasetSnapshot", "useDataset", "datasetDiff", "datasetMix", "datasetBalance"]) {
  println "step " + f + "=" + (org.jenkinsci.plugins.workflow.steps.StepDescriptor.byFunctionName(f) != null)
}
println "trigger=" + (SymbolLookup.get().findDescriptor(hudson.triggers.Trigger, "datasetChange") != null)
def before = c.defaultPolicy
c.defaultPolicy = "growth>=1.25"
println "saved=" + new File(Jenkins.get().rootDir, c.id + ".xml").text.contains("growth&gt;=1.25")
c.defaultPolicy = before')
expect_contains "JCasC symbol" "$out" "symbol=[ctDatasets]"
for f in datasetSnapshot useDataset datasetDiff datasetMix datasetBalance; do
  expect_contains "step $f" "$out" "step $f=true"
done
expect_contains "trigger symbol" "$out" "trigger=true"
expect_contains "settings saved" "$out" "saved=true"
