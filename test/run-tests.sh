#!/usr/bin/env bash
# Runs flow's whole test suite: unit specs of every module and the end-to-end specs in test/.
# Everything the specs need is installed or started from here, so this works on a fresh machine:
# as root it installs the headers rootio's native codecs are built against (libdeflate, liblzma),
# Chromium (the report specs open reports in it, headless), and installs and starts the
# single-node SLURM the SLURM specs run against and the xrootd server the staging and
# publishing specs copy from and to.
set -euo pipefail
home=$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/..
cd "$home"
if [ "$(id -u)" = 0 ]; then
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends gcc libdeflate-dev liblzma-dev chromium >/dev/null
  test/slurm/start.sh
  test/xrootd/start.sh
fi
mvn -B -ntp verify "$@"
