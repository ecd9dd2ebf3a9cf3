#!/usr/bin/env bash
# run.sh - run the scenario Pipelines of jenkins-scenarios/ against a Jenkins, through its REST API.
#
#   jenkins-scenarios/run.sh [--url URL] [--user USER --token API_TOKEN] [--filter REGEX]
#                            [--prefix JOB_PREFIX] [--timeout SECONDS] [--out DIR] [--list]
#
#   --url      the Jenkins (default $JENKINS_URL, else http://127.0.0.1:18080/ - the local harness)
#   --user/--token  an account and its API token (default $JENKINS_USER / $JENKINS_TOKEN); without
#              them requests are anonymous (fine for the harness: security is off there)
#   --filter   run only scenarios whose id (<plugin>/<name>) matches this extended regex
#   --prefix   job name prefix (default ct-scenario-); job = <prefix><plugin>-<name>
#   --timeout  seconds to wait for one build (default 600)
#   --out      where consoles and check output are kept (default: a new temporary directory)
#   --list     print the scenario ids and exit
#
# A scenario is a folder jenkins-scenarios/<plugin>/<name>/ with
#   Jenkinsfile   the Pipeline script (run in the Groovy sandbox; put `false` in sandbox.txt to not)
#   expect.txt    the expected build result: SUCCESS, UNSTABLE, FAILURE or ABORTED
#   check.sh      optional; run after the build with JENKINS_URL, JOB, BUILD, BUILD_URL, CONSOLE_FILE,
#                 JENKINS_AUTH and SCENARIO_LIB (lib.sh: jget, jpost, json_get, expect_*) in its
#                 environment; exit 0 = pass
# <plugin> is the plugin's short name (ct-tracking, ...): a scenario fails at once when that plugin
# is not installed and active on the Jenkins.
# Exit status: 0 all passed, 1 some failed, 2 usage or Jenkins unreachable, 3 no scenario matched.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
url=${JENKINS_URL:-http://127.0.0.1:18080/}; user=${JENKINS_USER:-}; token=${JENKINS_TOKEN:-}
filter=""; prefix=ct-scenario-; timeout=600; out=""; list=0
usage() { sed -n '2,27p' "$0"; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --url) url=$2; shift 2;;
    --user) user=$2; shift 2;;
    --token) token=$2; shift 2;;
    --filter) filter=$2; shift 2;;
    --prefix) prefix=$2; shift 2;;
    --timeout) timeout=$2; shift 2;;
    --out) out=$2; shift 2;;
    --list) list=1; shift;;
    -h|--help) usage; exit 0;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2;;
  esac
done
[[ $url == */ ]] || url="$url/"
if [[ -n $user && -z $token ]] || [[ -z $user && -n $token ]]; then
  echo "run.sh: --user and --token go together" >&2; exit 2
fi
auth=${user:+$user:$token}

scenarios=()
while IFS= read -r f; do
  id=${f#"$here"/}; id=${id%/Jenkinsfile}
  [[ -z $filter ]] || [[ $id =~ $filter ]] || continue
  scenarios+=("$id")
done < <(find "$here" -mindepth 3 -maxdepth 3 -name Jenkinsfile | sort)
if [[ $list == 1 ]]; then printf '%s\n' "${scenarios[@]}"; exit 0; fi
[[ ${#scenarios[@]} -gt 0 ]] || { echo "run.sh: no scenario matches '${filter}'" >&2; exit 3; }

if [[ -z $out ]]; then out=$(mktemp -d "${TMPDIR:-/tmp}/ct-scenarios.XXXXXX"); else mkdir -p "$out"; fi
cookies=$out/.cookies
crumb_header=()

jc() {  # curl against Jenkins with auth, cookies and (when needed) the CSRF crumb
  local a=()
  [[ -n $auth ]] && a=(-u "$auth")
  curl -sS -g --noproxy '*' --max-time 60 -b "$cookies" -c "$cookies" "${a[@]}" "${crumb_header[@]}" "$@"
}

# Reachable? Then fetch a crumb when CSRF protection is on (API tokens are exempt, sessions are not).
code=$(jc -o /dev/null -w '%{http_code}' "${url}api/json" 2>/dev/null)
case "$code" in
  200) ;;
  401|403) echo "run.sh: ${url} refuses anonymous access (HTTP $code): pass --user and --token" >&2; exit 2;;
  *) echo "run.sh: no Jenkins answers at ${url}api/json (HTTP ${code:-none})" >&2; exit 2;;
esac
if [[ -z $auth ]] && crumb=$(jc -f "${url}crumbIssuer/api/json" 2>/dev/null); then
  field=$(sed -E 's/.*"crumbRequestField":"([^"]+)".*/\1/' <<<"$crumb")
  value=$(sed -E 's/.*"crumb":"([^"]+)".*/\1/' <<<"$crumb")
  crumb_header=(-H "$field: $value")
fi
plugins=$(jc -f "${url}pluginManager/api/json?tree=plugins[shortName,active]" 2>/dev/null || true)

xml_escape() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g'; }

run_one() {  # ID -> 0 pass, 1 fail; writes $out/<plugin>-<name>.{console.txt,check.txt}
  local id=$1 dir=$here/$1 plugin=${1%%/*} name=${1#*/}
  local job=$prefix$plugin-$name log=$out/$plugin-$name
  local expect sandbox=true queue item number state result
  expect=$(tr -d ' \t\r\n' <"$dir/expect.txt" 2>/dev/null)
  case "$expect" in SUCCESS|UNSTABLE|FAILURE|ABORTED) ;; *) echo "  $id/expect.txt must say SUCCESS, UNSTABLE, FAILURE or ABORTED"; return 1;; esac
  [[ -f $dir/sandbox.txt ]] && sandbox=$(tr -d ' \t\r\n' <"$dir/sandbox.txt")
  if [[ $plugins != *"\"active\":true,\"shortName\":\"$plugin\""* && $plugins != *"\"shortName\":\"$plugin\",\"active\":true"* ]]; then
    echo "  plugin $plugin is not installed and active on $url"; return 1
  fi
  local xml
  xml="<?xml version='1.1' encoding='UTF-8'?>
<flow-definition plugin=\"workflow-job\">
  <description>Scenario $id from jenkins-scenarios/ (created by run.sh; safe to delete)</description>
  <keepDependencies>false</keepDependencies>
  <definition class=\"org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition\" plugin=\"workflow-cps\">
    <script>$(xml_escape <"$dir/Jenkinsfile")</script>
    <sandbox>$sandbox</sandbox>
  </definition>
  <disabled>false</disabled>
</flow-definition>"
  if jc -f -o /dev/null "${url}job/$job/api/json" 2>/dev/null; then
    printf '%s' "$xml" | jc -f -o /dev/null -X POST -H 'Content-Type: application/xml; charset=UTF-8' --data-binary @- "${url}job/$job/config.xml" ||
      { echo "  could not update job $job"; return 1; }
  else
    printf '%s' "$xml" | jc -f -o /dev/null -X POST -H 'Content-Type: application/xml; charset=UTF-8' --data-binary @- "${url}createItem?name=$job" ||
      { echo "  could not create job $job"; return 1; }
  fi
  # The build request answers with the queue item; its executable is the build.
  queue=$(jc -f -D - -o /dev/null -X POST "${url}job/$job/build?delay=0sec" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
  [[ -n $queue ]] || { echo "  Jenkins did not accept a build of $job"; return 1; }
  local deadline=$((SECONDS + timeout))
  number=""
  while [[ -z $number ]]; do
    item=$(jc -f "${queue%/}/api/json?tree=executable[number],cancelled,why" 2>/dev/null || true)
    number=$(sed -n -E 's/.*"executable":\{[^}]*"number":([0-9]+).*/\1/p' <<<"$item")
    [[ $item == *'"cancelled":true'* ]] && { echo "  the queued build of $job was cancelled"; return 1; }
    ((SECONDS > deadline)) && { echo "  $job did not leave the queue in ${timeout}s: $(sed -n -E 's/.*"why":"([^"]*)".*/\1/p' <<<"$item")"; return 1; }
    [[ -n $number ]] || sleep 1
  done
  while :; do
    state=$(jc -f "${url}job/$job/$number/api/json?tree=building,result" 2>/dev/null || true)
    [[ $state == *'"building":false'* ]] && break
    ((SECONDS > deadline)) && { echo "  build $job #$number still running after ${timeout}s"; jc -o /dev/null -X POST "${url}job/$job/$number/stop"; return 1; }
    sleep 1
  done
  result=$(sed -n -E 's/.*"result":"([A-Z_]+)".*/\1/p' <<<"$state")
  jc -f "${url}job/$job/$number/consoleText" >"$log.console.txt" 2>/dev/null
  echo "  build ${url}job/$job/$number/ -> ${result:-none} (expected $expect)"
  if [[ $result != "$expect" ]]; then
    echo "  --- console (last 40 lines; all of it in $log.console.txt)"; tail -40 "$log.console.txt" | sed 's/^/  | /'
    return 1
  fi
  if [[ -f $dir/check.sh ]]; then
    if JENKINS_URL=$url JOB=$job BUILD=$number BUILD_URL="${url}job/$job/$number/" CONSOLE_FILE=$log.console.txt \
       JENKINS_AUTH=$auth SCENARIO_LIB=$here/lib.sh bash "$dir/check.sh" >"$log.check.txt" 2>&1; then
      sed 's/^/  | /' "$log.check.txt"
    else
      echo "  --- check.sh failed:"; sed 's/^/  | /' "$log.check.txt"; return 1
    fi
  fi
  return 0
}

passed=(); failed=()
for id in "${scenarios[@]}"; do
  echo "== $id"
  if run_one "$id"; then passed+=("$id"); echo "PASS $id"; else failed+=("$id"); echo "FAIL $id"; fi
done
echo
echo "${#passed[@]} passed, ${#failed[@]} failed (consoles in $out)"
for id in "${failed[@]}"; do echo "  failed: $id"; done
[[ ${#failed[@]} == 0 ]]
