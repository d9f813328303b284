#!/bin/bash
# Stand-in summary for flow's pixel-status example: one line per run, from its status output:
#   summarize.sh STATUS_FILE  →  experiment  run  events
set -euo pipefail
awk -F'\t' '$3 == "total" { print $1 "\t" $2 "\t" $4 }' "$1"
