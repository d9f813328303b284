#!/bin/bash
# Stand-in for bye_splits' run_combine.py (flow's shipped example, not the real code): reads the
# task's inputs table (one row per upstream file, with its radius) and writes, per radius, the mean
# cluster energy, sorted by radius.
# usage: combine.sh INPUTS_TABLE
set -euo pipefail
table=$1
echo "radius,mean_energy"
# columns of inputs.tsv: stage, index, particles, radius, file (a file name may hold a tab: quoted)
python3 - "$table" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline=""), delimiter="\t"))
means = []
for row in rows:
    energies = [float(r["energy"]) for r in csv.DictReader(open(row["file"], newline=""))]
    means.append((float(row["radius"]), row["radius"], sum(energies) / len(energies)))
for _, radius, mean in sorted(means):
    print(f"{radius},{mean:.4f}")
PY
