#!/usr/bin/env bash
# Runs flow's whole test suite: unit specs of every module and the end-to-end specs in test/.
# Everything the specs need is installed or started from here, so this works on a fresh machine.
set -euo pipefail
home=$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/..
cd "$home"
mvn -B -ntp verify "$@"
