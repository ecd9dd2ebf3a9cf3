#!/usr/bin/env bash
# restart-harness.sh - runs the sweep-restart scenario against the LOCAL harness Jenkins and restarts
# that Jenkins (jenkins-down.sh + jenkins-up.sh; the home is kept) while the first trials run.
# Needs the harness.sh environment (CT_JENKINS_MIRRORS, CT_JENKINS_CORE_JAR, CT_JENKINS_WORK,
# CT_JENKINS_PORT, ...) and a Jenkins started by `harness.sh up` with the same work dir and port.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)
harness=${CT_HARNESS:-$repo/../shared/jenkins-harness}
work=${CT_JENKINS_WORK:-${TMPDIR:-/tmp}/ct-jenkins}
port=${CT_JENKINS_PORT:-18080}
url=http://127.0.0.1:$port/
out=$(mktemp -d)
"$repo/jenkins-scenarios/run.sh" --url "$url" --filter '^ct-tracking/sweep-restart$' --timeout 900 --out "$out" \
  >"$out/run.txt" 2>&1 &
runner=$!
job=ct-scenario-ct-tracking-sweep-restart
# wait until the first trials of a running sweep (not an earlier build's) have reported a few steps,
# then restart Jenkins under them
for _ in $(seq 180); do
  n=$(curl -sg --noproxy '*' "${url}job/$job/lastBuild/sweep-restart/api/json?depth=1" 2>/dev/null |
    python3 -c 'import json,sys
try:
  d=json.load(sys.stdin); running=d["status"]=="running" and len(d["trials"]) >= 2
  print(min(t["reports"] for t in d["trials"]) if running else 0)
except Exception: print(0)' || echo 0)
  [[ $n -ge 3 ]] && break
  sleep 1
done
read -r -a mirrors <<<"${CT_JENKINS_MIRRORS:?set CT_JENKINS_MIRRORS}"
args=(--core-jar "${CT_JENKINS_CORE_JAR:?}"); [[ ${CT_JENKINS_CORE_UNOFFICIAL:-0} == 1 ]] && args+=(--no-verify-core)
for m in "${mirrors[@]}"; do args+=(--mirror "$m"); done
plugins=(); for h in "$work"/hpi/ct-*.hpi; do plugins+=(--plugin "$h"); done
echo "restarting Jenkins while the sweep's trials run (each has reported at least $n steps)"
"$harness/jenkins-down.sh" "$work/run"
"$harness/jenkins-up.sh" "${args[@]}" --dir "$work/run" --port "$port" "${plugins[@]}" | tail -1
wait "$runner" && status=0 || status=$?
cat "$out/run.txt"
grep -q "the build went through a controller restart" "$out/run.txt" ||
  { echo "restart-harness.sh: the build did not go through a restart"; exit 1; }
exit $status
