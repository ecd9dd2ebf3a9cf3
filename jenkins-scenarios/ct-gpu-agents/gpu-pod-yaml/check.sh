#!/usr/bin/env bash
# The printed pods equal the expected YAML (the controller label's value differs per Jenkins and
# is compared as a placeholder); the unknown type is refused with the known types listed.
set -euo pipefail
. "$SCENARIO_LIB"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

pod() { # the lines between "=== pod $1" and "=== end" in the console
  awk -v start="=== pod $1" '$0==start{on=1; next} /^=== end/{on=0} on' "$CONSOLE_FILE" |
    sed -E 's#(ctsuite.io/controller: )j[0-9a-f]{16}#\1CONTROLLER#'
}
expect_eq "pod for gpu:a100:2" "$(pod 'gpu:a100:2')" "$(cat "$here/expected-a100-two.yaml")"
expect_eq "pod for gpu:t4,spot on a base" "$(pod 'gpu:t4,spot on a base')" "$(cat "$here/expected-t4-spot-base.yaml")"
console=$(cat "$CONSOLE_FILE")
expect_contains "console" "$console" "GPU pod for 2 A100 GPUs (gpu:a100:2)"
expect_contains "console" "$console" "refused: gpuPodYaml: GPU request 'gpu:x100:2': the GPU type 'x100' is not configured; known types: a100, h100"

# the step is in the Snippet Generator with its help
expect_contains "step help" "$(jget "descriptorByName/io.jenkins.plugins.ct.gpu.GpuPodYamlStep/help")" "podTemplate(yaml:"
