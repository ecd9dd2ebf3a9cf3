#!/usr/bin/env bash
# s3-test-server.sh - the S3 server the ct-datasets/s3-registry scenario needs: s3proxy (the version
# the datasets model tests with, from its test classpath) with a filesystem backend on 127.0.0.1,
# described to the scenario in JENKINS_HOME/ct-scenario-s3.properties.
#
#   jenkins-scenarios/ct-datasets/tools/s3-test-server.sh start JENKINS_HOME
#   jenkins-scenarios/ct-datasets/tools/s3-test-server.sh stop
#
# With the local harness JENKINS_HOME is "$CT_JENKINS_WORK/run/home". For a remote Jenkins, start it
# on that machine or write the properties file there by hand (endpoint, bucket, access, secret).
# Environment: CT_S3_PORT (default 18192), CT_S3_DIR (scratch, default ${TMPDIR:-/tmp}/ct-s3-test).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
port=${CT_S3_PORT:-18192}
dir=${CT_S3_DIR:-${TMPDIR:-/tmp}/ct-s3-test}
bucket=ct-scn
access=ct-access
secret=ct-secret-key

stop() {
  if [[ -f "$dir/pid" ]]; then
    kill "$(cat "$dir/pid")" 2> /dev/null || true
    rm -f "$dir/pid"
    echo "s3 test server stopped"
  fi
}

start() {
  local home=$1
  [[ -d "$home" ]] || {
    echo "no such JENKINS_HOME: $home" >&2
    exit 2
  }
  stop
  mkdir -p "$dir/data/$bucket"
  (cd "$repo" && mvn -o -q -B -pl plugin-datasets/model dependency:build-classpath \
    -Dmdep.outputFile="$dir/classpath.txt" -Dmdep.includeScope=test)
  cat > "$dir/s3proxy.conf" << EOF
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$access
s3proxy.credential=$secret
jclouds.provider=filesystem
jclouds.filesystem.basedir=$dir/data
EOF
  java -cp "$(cat "$dir/classpath.txt")" org.gaul.s3proxy.Main --properties "$dir/s3proxy.conf" \
    > "$dir/s3proxy.log" 2>&1 &
  echo $! > "$dir/pid"
  for _ in $(seq 1 60); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
      printf 'endpoint=http://127.0.0.1:%s\nbucket=%s\naccess=%s\nsecret=%s\n' \
        "$port" "$bucket" "$access" "$secret" > "$home/ct-scenario-s3.properties"
      echo "s3 test server on http://127.0.0.1:$port (bucket $bucket); described in $home/ct-scenario-s3.properties"
      return
    fi
    sleep 0.5
  done
  echo "the s3 test server did not start; its log: $dir/s3proxy.log" >&2
  stop
  exit 1
}

case "${1:-}" in
  start) start "${2:?usage: s3-test-server.sh start JENKINS_HOME}" ;;
  stop) stop ;;
  *)
    echo "usage: s3-test-server.sh start JENKINS_HOME | stop" >&2
    exit 2
    ;;
esac
