#!/usr/bin/env bash
# The tracking defaults are on Manage Jenkins > System, and their form validation is POST-only,
# permission-checked and answers with the calm messages users see next to the fields.
# Needs an account with Overall/Administer on a secured Jenkins.
set -euo pipefail
. "$SCENARIO_LIB"
d=descriptorByName/io.jenkins.plugins.ct.tracking.CtTrackingConfiguration

version=$(jget 'pluginManager/api/json?tree=plugins[shortName,version,active]' |
  json_get '[p["version"] for p in d["plugins"] if p["shortName"]=="ct-tracking" and p["active"]][0]')
pass "ct-tracking $version is active"

page=$(jget manage/configure)
expect_contains "the System configuration page" "$page" "CT experiment tracking"
expect_contains "the System configuration page" "$page" '_.samplingIntervalSeconds'
expect_contains "the System configuration page" "$page" '_.defaultKeyMetric'

# @POST: Stapler does not dispatch a GET to the check at all (404), so a link cannot trigger it.
expect_eq "HTTP status of a GET of the form check" "$(jstatus GET "$d/checkSamplingIntervalSeconds?value=0")" 404
expect_contains "interval 0" "$(jpost "$d/checkSamplingIntervalSeconds" --data value=0)" "between 1 and 3600 seconds"
expect_contains "interval ten" "$(jpost "$d/checkSamplingIntervalSeconds" --data value=ten)" "whole number of seconds"
expect_eq "interval 30" "$(jpost "$d/checkSamplingIntervalSeconds" --data value=30)" "<div/>"
expect_eq "key metric eval/accuracy" "$(jpost "$d/checkDefaultKeyMetric" --data-urlencode value=eval/accuracy)" "<div/>"
expect_contains "key metric 'val loss'" "$(jpost "$d/checkDefaultKeyMetric" --data-urlencode 'value=val loss')" "cannot be used as a metric name"
