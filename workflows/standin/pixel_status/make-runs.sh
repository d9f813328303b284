#!/bin/bash
# Makes a directory of detector runs for flow's pixel-status example (a stand-in for the
# experiments' xtc area): DIR/<experiment>/r<NNNN>/ with two small .xtc files and a .done
# marker, as the data mover leaves a finished run.
#   make-runs.sh DIR EXPERIMENT RUN...      e.g. make-runs.sh xtc xpptut15 1 2 3
set -euo pipefail
dir=$1 exp=$2
shift 2
for r in "$@"; do
    run=$(printf 'r%04d' "$r")
    mkdir -p "$dir/$exp/$run"
    for s in 0 1; do seq 1 $((10 * r + s)) > "$dir/$exp/$run/$exp-$run-s0$s.xtc"; done
    touch "$dir/$exp/$run/.done"
done
