#!/usr/bin/env bash
# The GPU settings are on Manage Jenkins > System, the node property and the job property are offered,
# and form checks are POST-only and answer with the messages users see next to the fields.
set -euo pipefail
. "$SCENARIO_LIB"
d=descriptorByName/io.jenkins.plugins.ct.gpu.CtGpuConfiguration
page=$(jget manage/configure)
expect_contains "System page" "$page" "CT GPU agents"
for field in gpuTypes shmSize cpuPerGpu memoryPerGpu connectTimeoutSeconds podRetention priorities quotas kubernetesLabels reaperEnabled; do
  expect_contains "System page" "$page" "$field"
done
expect_eq "GET of a form check" "$(jstatus GET "$d/checkShmSize?value=lots")" 404
expect_contains "shm size 'lots'" "$(jpost "$d/checkShmSize" --data value=lots)" "lots"
expect_eq "shm size 32Gi" "$(jpost "$d/checkShmSize" --data value=32Gi)" "<div/>"
expect_contains "pending timeout" "$(jpost "$d/checkPendingTimeout" --data-urlencode 'value=half an hour')" "is not a duration"
expect_contains "connect timeout 100" "$(jpost "$d/checkConnectTimeoutSeconds" --data value=100)" "5 to 15 minutes"
expect_contains "tolerations" "$(jpost "$d/checkGpuTolerations" --data-urlencode 'value=- key: [')" "not a YAML list of tolerations"
expect_contains "priorities" "$(jpost "$d/checkPriorities" --data-urlencode $'value=a\nb' --data defaultPriority=c)" "is not one of the priorities"
t=descriptorByName/io.jenkins.plugins.ct.gpu.GpuTypeSetting
expect_contains "type name 'a-100'" "$(jpost "$t/checkName" --data value=a-100)" "letters and digits only"
expect_contains "price" "$(jpost "$t/checkPricePerHour" --data value=-1)" "at least 0"
s=descriptorByName/io.jenkins.plugins.ct.gpu.GpuPodYamlStep
expect_contains "request check" "$(jpost "$s/checkRequest" --data-urlencode 'value=gpu:a100:2')" "2 A100 GPUs"
expect_contains "request check" "$(jpost "$s/checkRequest" --data-urlencode 'value=gpu:0')" "at least 1"
expect_contains "built-in node page" "$(jget computer/\(built-in\)/configure)" "GPU slots"
expect_contains "job page" "$(jget "job/$JOB/configure")" "GPU priority class"
