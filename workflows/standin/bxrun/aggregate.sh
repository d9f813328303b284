#!/bin/bash
# Stand-in for BXRun's aggregation into results/ (flow's shipped example): one row per point, its
# values and its efficiency, from the task's inputs table (one row per harvested file, with the
# point's values as columns; a field holding a tab or a new line is quoted, CSV style).
# usage: aggregate.sh INPUTS_TABLE > results.tsv
set -euo pipefail
python3 - "$1" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline=""), delimiter="\t"))
axes = [c for c in rows[0].keys() if c not in ("stage", "index", "file")] if rows else []
print("\t".join(axes + ["efficiency"]))
for row in rows:
    print("\t".join([row[a] for a in axes] + [open(row["file"]).read().strip()]))
PY
