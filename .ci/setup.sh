#!/usr/bin/env bash
# Installs the Debian packages the tests and the demo need. Safe to run again; does nothing when all
# are present. Needs root (CI and the project's machines run as root) or sudo.
set -euo pipefail
packages=()
need() { dpkg -s "$1" >/dev/null 2>&1 || packages+=("$1"); }
# (areas add their packages here)
if ((${#packages[@]})); then
  sudo_cmd=""
  [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi
