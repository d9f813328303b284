#!/bin/bash
# Stand-in for bye_splits' clustering at one radius (flow's shipped example, not the real code):
# writes a small CSV of made-up cluster energies that depend on the particle, radius and events.
# usage: cluster.sh PARTICLES RADIUS NEVENTS   (NEVENTS -1: all events, as in bye_splits)
set -euo pipefail
particles=$1 radius=$2 nevents=$3
[ "$nevents" = -1 ] && nevents=20
awk -v p="$particles" -v r="$radius" -v n="$nevents" 'BEGIN {
    seed = length(p) * 7
    print "event,radius,energy"
    for (e = 0; e < n; e++) printf "%d,%s,%.4f\n", e, r, (seed + e % 5) * (1 - exp(-r * 60))
}'
