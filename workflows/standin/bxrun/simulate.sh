#!/bin/bash
# Stand-in for BXRun's production step (flow's shipped example, not BXRun itself): N made-up hits
# of a point, each a charge that depends on pt and the event number.
# usage: simulate.sh PT THRESHOLD N NOISE > hits.csv
set -euo pipefail
awk -v pt="$1" -v thr="$2" -v n="$3" -v noise="$4" 'BEGIN {
    print "event,charge"
    for (e = 0; e < n; e++) printf "%d,%.1f\n", e, 3000 + 40 * e + 500 * pt + noise * e
}'
