#!/bin/bash
# Stand-in for BXRun's harvesting of one point (flow's shipped example): the fraction of hits
# above the point's threshold.
# usage: harvest.sh THRESHOLD hits.csv > efficiency.txt
set -euo pipefail
awk -F, -v thr="$1" 'NR > 1 { n++; if ($2 > thr) above++ } END { printf "%.4f\n", above / n }' "$2"
