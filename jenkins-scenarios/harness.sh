#!/usr/bin/env bash
# harness.sh - on this workplace (no Jenkins repository reachable), build the CT plugins with the shared
# Jenkins harness (../shared/jenkins-harness) and start a real Jenkins 2.479.3 on 127.0.0.1 with them.
# Then: jenkins-scenarios/run.sh --url "$(jenkins-scenarios/harness.sh url)"
#
#   jenkins-scenarios/harness.sh up      build the plugins, (re)start Jenkins with them
#   jenkins-scenarios/harness.sh build   only build the .hpi files
#   jenkins-scenarios/harness.sh down    stop Jenkins
#   jenkins-scenarios/harness.sh url     print the Jenkins URL
#
# Environment (the first two are required; see ../shared/jenkins-harness/README.md):
#   CT_JENKINS_MIRRORS   the fetched snapshot git dirs, space separated, the Jenkins-home one first:
#                        "<dir of tacho090/jenkins_projects> <dir of saikirangude/backup>"
#   CT_JENKINS_CORE_JAR  jenkins-core-2.479.3.jar (not obtainable from any registry; see the README)
#   CT_JENKINS_CORE_UNOFFICIAL=1  the core jar is not the signed release (compiled from source):
#                        passes --no-verify-core to the harness
#   CT_JENKINS_WORK      scratch directory outside the repository (default ${TMPDIR:-/tmp}/ct-jenkins):
#                        run/ (SDK, JENKINS_HOME, log, pid) and hpi/ (the built plugins)
#   CT_JENKINS_PORT      HTTP port on 127.0.0.1 (default 18080)
#   CT_PLUGINS           which plugins (default "tracking datasets promotion gpu-agents")
#   CT_HARNESS           the harness scripts (default <repo>/../shared/jenkins-harness)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
harness=${CT_HARNESS:-$repo/../shared/jenkins-harness}
work=${CT_JENKINS_WORK:-${TMPDIR:-/tmp}/ct-jenkins}
port=${CT_JENKINS_PORT:-18080}
areas=${CT_PLUGINS:-tracking datasets promotion gpu-agents}
cmd=${1:-}

die() { echo "harness.sh: $*" >&2; exit 1; }
# build-plugin.sh installs the models with the default reactor (`mvn install`, which includes the
# formatting check): a teammate's not-yet-formatted file must not stop a plugin check.
export MAVEN_OPTS="${MAVEN_OPTS:-} -Dspotless.check.skip=true -Djacoco.skip=true"
# Jenkins plugins each CT plugin needs at runtime (short names; versions come from the harness).
depends_of() {
  local common="workflow-step-api workflow-api structs credentials jackson2-api echarts-api"
  case "$1" in
    gpu-agents) echo "$common kubernetes kubernetes-client-api";;
    promotion) echo "$common plain-credentials apache-httpcomponents-client-4-api jakarta-activation-api";;
    *) echo "$common";;
  esac
}

core_args() {
  [[ -n ${CT_JENKINS_CORE_JAR:-} ]] || die "set CT_JENKINS_CORE_JAR to jenkins-core-2.479.3.jar"
  [[ -f $CT_JENKINS_CORE_JAR ]] || die "CT_JENKINS_CORE_JAR=$CT_JENKINS_CORE_JAR does not exist"
  args=(--core-jar "$CT_JENKINS_CORE_JAR")
  [[ ${CT_JENKINS_CORE_UNOFFICIAL:-0} == 1 ]] && args+=(--no-verify-core)
  read -r -a mirrors <<<"${CT_JENKINS_MIRRORS:-}"
  [[ ${#mirrors[@]} -gt 0 ]] || die "set CT_JENKINS_MIRRORS to the fetched snapshot dirs (Jenkins home first)"
  for m in "${mirrors[@]}"; do args+=(--mirror "$m"); done
}

build() {
  core_args
  [[ -x $harness/build-plugin.sh ]] || die "no harness at $harness (set CT_HARNESS)"
  # The SDK (exploded war, plugins, compile classpath) is the one jenkins-up.sh keeps in run/sdk.
  if [[ ! -f $work/run/sdk/classpath.txt ]]; then
    "$harness/jenkins-up.sh" "${args[@]}" --dir "$work/run" --port "$port" --prepare-only
  fi
  mkdir -p "$work/hpi"
  for a in $areas; do
    [[ -d $repo/plugin-$a/plugin/src/main/java ]] || die "no plugin-$a/plugin in $repo"
    "$harness/build-plugin.sh" --sdk "$work/run/sdk" --project "$repo" --module "plugin-$a/plugin" \
      --short "ct-$a" --depends "$(depends_of "$a")" --out "$work/hpi"
  done
}

case "$cmd" in
  build) build;;
  up)
    build
    "$harness/jenkins-down.sh" "$work/run"
    plugins=(); for a in $areas; do plugins+=(--plugin "$work/hpi/ct-$a.hpi"); done
    "$harness/jenkins-up.sh" "${args[@]}" --dir "$work/run" --port "$port" "${plugins[@]}"
    echo "Jenkins with the CT plugins: http://127.0.0.1:$port/  (log: $work/run/jenkins.log)";;
  down) "$harness/jenkins-down.sh" "$work/run";;
  url) echo "http://127.0.0.1:$port/";;
  *) sed -n '2,25p' "$0"; [[ $cmd == -h || $cmd == --help ]] || exit 2;;
esac
