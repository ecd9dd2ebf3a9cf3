#!/usr/bin/env bash
# Installs the Debian packages the tests and the demo need. Safe to run again; does nothing when all
# are present. Needs root (CI and the project's machines run as root) or sudo.
set -euo pipefail
packages=()
need() { dpkg -s "$1" >/dev/null 2>&1 || packages+=("$1"); }
# (areas add their packages here)
# examples/phase-recognition and `ct demo`: PyTorch on CPU, numpy and PyYAML for Debian's own Python
# (/usr/bin/python3; a pyenv or venv python3 on PATH cannot import Debian's packages).
need python3
need python3-numpy
need python3-torch
need python3-yaml
if ((${#packages[@]})); then
  sudo_cmd=""
  [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi
