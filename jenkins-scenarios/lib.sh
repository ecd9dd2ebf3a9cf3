# shellcheck shell=bash
# lib.sh - helpers for a scenario's check.sh (source it: `. "$SCENARIO_LIB"`).
# run.sh exports: JENKINS_URL (ends with /), JOB, BUILD, BUILD_URL, CONSOLE_FILE, and
# JENKINS_AUTH ("user:token" or empty). Needs curl and python3.

_ct_curl() {
  local auth=()
  [[ -n ${JENKINS_AUTH:-} ]] && auth=(-u "$JENKINS_AUTH")
  curl -sS -g --noproxy '*' --max-time 60 "${auth[@]}" "$@"
}

# jget PATH -> body of GET JENKINS_URL/PATH (PATH without a leading slash); fails on HTTP >= 400.
jget() { _ct_curl -f "${JENKINS_URL}${1#/}"; }

# jpost PATH [curl args...] -> body of POST JENKINS_URL/PATH; fails on HTTP >= 400.
jpost() { local p=${1#/}; shift; _ct_curl -f -X POST "$@" "${JENKINS_URL}${p}"; }

# jstatus METHOD PATH -> the HTTP status code only (for asserting that something is refused).
jstatus() { _ct_curl -o /dev/null -w '%{http_code}' -X "$1" "${JENKINS_URL}${2#/}"; }

# json_get EXPR < json -> prints the Python expression EXPR evaluated on the parsed document `d`,
# e.g. json_get 'd["result"]' or json_get '[p["shortName"] for p in d["plugins"] if p["active"]]'.
json_get() { python3 -c 'import json,sys; d=json.load(sys.stdin); v=eval(sys.argv[1]); print(v if isinstance(v,str) else json.dumps(v))' "$1"; }

fail() { echo "CHECK FAILED: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }

# expect_eq WHAT ACTUAL EXPECTED
expect_eq() { [[ $2 == "$3" ]] && pass "$1 = $3" || fail "$1: expected '$3', got '$2'"; }

# expect_contains WHAT TEXT NEEDLE
expect_contains() { [[ $2 == *"$3"* ]] && pass "$1 contains '$3'" || fail "$1 does not contain '$3': ${2:0:400}"; }

# expect_not_contains WHAT TEXT NEEDLE
expect_not_contains() { [[ $2 != *"$3"* ]] && pass "$1 lacks '$3'" || fail "$1 unexpectedly contains '$3'"; }
