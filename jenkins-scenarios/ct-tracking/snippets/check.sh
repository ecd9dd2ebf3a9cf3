#!/usr/bin/env bash
# Every step is in the Snippet Generator with its form and help, and the form gives the snippet a
# Jenkinsfile would contain.
set -euo pipefail
. "$SCENARIO_LIB"
snippet() { jpost "job/$JOB/pipeline-syntax/generateSnippet" --data-urlencode "json=$1"; }
p=io.jenkins.plugins.ct.tracking

syntax=$(jget "job/$JOB/pipeline-syntax/")
for s in trackExperiment logParams logMetric logArtifact experimentResult publishExperiment; do
  expect_contains "Snippet Generator lists $s" "$syntax" "$s:"
done
expect_eq "trackExperiment" \
  "$(snippet "{\"stapler-class\":\"$p.TrackExperimentStep\",\"name\":\"phase\",\"tensorboard\":\"runs/**\",\"metrics\":\"\"}")" \
  "trackExperiment(name: 'phase', tensorboard: 'runs/**') {
    // some block
}"
expect_eq "logMetric" \
  "$(snippet "{\"stapler-class\":\"$p.LogMetricStep\",\"key\":\"val/mAP\",\"value\":\"0.41\",\"step\":\"3\"}")" \
  "logMetric key: 'val/mAP', step: 3, value: 0.41"
expect_contains "logParams from key=value lines" \
  "$(snippet "{\"stapler-class\":\"$p.LogParamsStep\",\"paramsText\":\"lr=0.01\\nbatch=32\"}")" "lr: 0.01"
expect_eq "logArtifact" \
  "$(snippet "{\"stapler-class\":\"$p.LogArtifactStep\",\"path\":\"out/model.pt\",\"role\":\"model\"}")" \
  "logArtifact path: 'out/model.pt', role: 'model'"
expect_eq "experimentResult" \
  "$(snippet "{\"stapler-class\":\"$p.ExperimentResultStep\",\"name\":\"phase\"}")" \
  "experimentResult name: 'phase'"
help=$(jget "descriptor/$p.TrackExperimentStep/help")
expect_contains "help of trackExperiment" "$help" "CT_METRICS_FILE"
expect_contains "help of a field" "$(jget "descriptor/$p.TrackExperimentStep/help/tensorboard")" "Ant patterns"
