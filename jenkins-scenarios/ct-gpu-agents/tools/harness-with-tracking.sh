#!/usr/bin/env bash
# harness-with-tracking.sh - the harness Jenkins with ct-gpu-agents compiled against ct-tracking, its
# OPTIONAL plugin dependency (TrackingGpuUtilisation, @Extension(optional = true)).
#
#   tools/harness-with-tracking.sh up [--without-tracking] [--fake-nvidia-smi]
#                                     build both, start Jenkins with both (or with ct-gpu-agents alone:
#                                     the optional extension is skipped); --fake-nvidia-smi puts
#                                     tools/fake-bin first on Jenkins' PATH, so the tracking plugin's
#                                     system monitor reads a stand-in 4-GPU machine (scenario
#                                     tracking-utilisation)
#   tools/harness-with-tracking.sh build                      only build the two .hpi files
#   tools/harness-with-tracking.sh down                       stop Jenkins
# Environment: as jenkins-scenarios/harness.sh (CT_JENKINS_MIRRORS, CT_JENKINS_CORE_JAR,
# CT_JENKINS_CORE_UNOFFICIAL, CT_JENKINS_WORK, CT_JENKINS_PORT, CT_HARNESS).
#
# Why this exists: harness.sh builds each plugin with build-plugin.sh, which compiles against the
# SDK's jars only (classpath.txt) and takes --depends versions from the SDK's plugins.tsv, so one of
# this project's plugins can be neither on another's compile classpath nor in its Plugin-Dependencies.
# This script builds ct-tracking with harness.sh, then gives build-plugin.sh a derived SDK directory
# whose classpath.txt also has ct-tracking's jar and its model jar, and whose plugins.tsv lists
# ct-tracking as "0.1-harness;resolution:=optional" (the manifest form maven-hpi-plugin writes for
# an <optional> dependency). Nothing of the shared harness is changed.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
harness=${CT_HARNESS:-$repo/../shared/jenkins-harness}
work=${CT_JENKINS_WORK:-${TMPDIR:-/tmp}/ct-jenkins}
port=${CT_JENKINS_PORT:-18080}
export MAVEN_OPTS="${MAVEN_OPTS:-} -Dspotless.check.skip=true -Djacoco.skip=true"
gpu_depends="workflow-step-api workflow-api structs credentials jackson2-api echarts-api kubernetes kubernetes-client-api"
die() { echo "harness-with-tracking.sh: $*" >&2; exit 1; }

build() {
  CT_PLUGINS=tracking "$repo/jenkins-scenarios/harness.sh" build
  local sdk=$work/run/sdk derived=$work/sdk-with-tracking
  [[ -f $work/hpi/ct-tracking.hpi ]] || die "no $work/hpi/ct-tracking.hpi"
  rm -rf "$derived"
  mkdir -p "$derived/ct-tracking"
  cp "$sdk/JENKINS_VERSION" "$derived/"
  (cd "$derived/ct-tracking" && unzip -q -o "$work/hpi/ct-tracking.hpi" 'WEB-INF/lib/*')
  local extra
  extra=$(ls "$derived"/ct-tracking/WEB-INF/lib/ct-tracking.jar \
    "$derived"/ct-tracking/WEB-INF/lib/ct-tracking-model-*.jar | paste -sd:)
  printf '%s:%s\n' "$(cat "$sdk/classpath.txt")" "$extra" >"$derived/classpath.txt"
  cp "$sdk/plugins.tsv" "$derived/plugins.tsv"
  printf 'ct-tracking\t0.1-harness;resolution:=optional\t%s\tio.jenkins.plugins.ct:ct-tracking\tthis project\n' \
    "$(cat "$sdk/JENKINS_VERSION")" >>"$derived/plugins.tsv"
  "$harness/build-plugin.sh" --sdk "$derived" --project "$repo" --module plugin-gpu-agents/plugin \
    --short ct-gpu-agents --depends "$gpu_depends ct-tracking" --out "$work/hpi"
}

core_args() {
  args=(--core-jar "${CT_JENKINS_CORE_JAR:?set CT_JENKINS_CORE_JAR}")
  [[ ${CT_JENKINS_CORE_UNOFFICIAL:-0} == 1 ]] && args+=(--no-verify-core)
  read -r -a mirrors <<<"${CT_JENKINS_MIRRORS:?set CT_JENKINS_MIRRORS}"
  for m in "${mirrors[@]}"; do args+=(--mirror "$m"); done
}

case "${1:-}" in
  build) build;;
  up)
    build
    core_args
    shift
    plugins=(--plugin "$work/hpi/ct-gpu-agents.hpi" --plugin "$work/hpi/ct-tracking.hpi")
    path=$PATH
    for o in "$@"; do
      case $o in
        --without-tracking) plugins=(--plugin "$work/hpi/ct-gpu-agents.hpi");;
        --fake-nvidia-smi) path=$repo/jenkins-scenarios/ct-gpu-agents/tools/fake-bin:$PATH;;
        *) die "unknown option $o";;
      esac
    done
    "$harness/jenkins-down.sh" "$work/run"
    PATH=$path "$harness/jenkins-up.sh" "${args[@]}" --dir "$work/run" --port "$port" "${plugins[@]}"
    echo "Jenkins: http://127.0.0.1:$port/  (log: $work/run/jenkins.log)";;
  down) "$harness/jenkins-down.sh" "$work/run";;
  *) sed -n '2,21p' "$0"; exit 2;;
esac
