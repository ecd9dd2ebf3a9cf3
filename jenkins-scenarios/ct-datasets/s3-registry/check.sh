#!/usr/bin/env bash
# Versions went to the S3 registry and came back: the build recorded them with the s3:// location
# (never the keys), the decision was made on manifests read from S3.
set -euo pipefail
. "$SCENARIO_LIB"
ds="scn-s3-b$BUILD"
console=$(cat "$CONSOLE_FILE")
expect_contains "snapshot recorded in S3" "$console" "Recorded $ds v2"
expect_contains "decision from S3 manifests" "$console" "S3 DIFF retrain=true reason=$ds grew 1.75× since v1: +30 files"
expect_contains "materialized from S3 version" "$console" "S3 USED v2 70"
expect_not_contains "secret not in the console" "$console" "ct-secret-key"
api=$(jget "job/$JOB/$BUILD/datasets/api/json?depth=2")
expect_contains "registry on the build" "$(json_get 'd["records"][0]["registry"]' <<<"$api")" "s3://"
expect_not_contains "no secret in the API" "$api" "ct-secret-key"
