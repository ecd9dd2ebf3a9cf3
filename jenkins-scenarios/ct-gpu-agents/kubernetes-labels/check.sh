#!/usr/bin/env bash
# The Kubernetes plugin finds this plugin's template for the queued GPU label (exclusive, long connect
# timeout, pods deleted when done) with the golden GPU pod, merges the GPU pod into the
# administrator's GPU-labelled template, has no template for a label nobody asks for, and the reaper
# says calmly that the cluster cannot be read; the GPU agents page shows that.
set -euo pipefail
. "$SCENARIO_LIB"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
console=$(cat "$CONSOLE_FILE")
yaml() {
  awk -v start="=== yaml $1" '$0==start{on=1; next} /^=== end/{on=0} on' "$CONSOLE_FILE" |
    sed -E 's#(ctsuite.io/controller: )j[0-9a-f]{16}#\1CONTROLLER#'
}
expect_contains "template for gpu:a100:2" "$console" \
  "template gpu-a100-2 id ct-gpu- label '\"gpu:a100:2\"' mode EXCLUSIVE connect timeout 1800 retention Never"
expect_eq "pod of the gpu:a100:2 template" "$(yaml 'gpu:a100:2')" "$(cat "$here/expected-a100-two.yaml")"
expect_contains "template for vision" "$console" "template vision id"
expect_eq "pod of the vision template" "$(yaml vision)" "$(cat "$here/expected-vision.yaml")"
expect_contains "label nobody asks for" "$console" "no template for gpu:h100:8"
expect_contains "reaper" "$console" "reaper: cannot read the cluster of cloud ct-gpu-scenario:"
expect_contains "reaper" "$console" "ConnectException"
expect_contains "reaper" "$console" "(the GPU page and reaper need to list nodes, pods and events in all namespaces"
expect_contains "console" "$console" "no pod, as expected without a cluster"

page=$(jget manage/ct-gpu/)
expect_contains "GPU agents page" "$page" "Kubernetes clouds"
