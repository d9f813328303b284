#!/usr/bin/env bash
# Dry-run benchmark (issue 19): a pipeline over 100,000 input files (3 stages: one task per
# file, one per task of the first, one over all: 200,001 tasks), dry-run through the real CLI on
# the local executor, on HTCondor (no scheduler needed for a new run) and, where SLURM answers,
# on SLURM. Prints the wall and CPU time (user + system) and peak RSS of each; asserts nothing.
set -euo pipefail
home=$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/..
cd "$home"
files=${FILES:-100000}
mvn -q -B -o -DskipTests install >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
mkdir -p "$work/data"
(cd "$work/data" && seq -f 'f%06g.dat' 1 "$files" | xargs touch)
cat > "$work/wide.flow" <<'FLOW'
stage('first') { inputs files('data/*.dat'); step exec('wc -c ${inputs} > ${outDir}/n') }
stage('second') { dependsOn 'first'; inputs outputsOf('first'); group 1; step exec('cat ${inputs} > ${outDir}/m') }
stage('all') { dependsOn 'second'; inputs outputsOf('second'); step exec('cat ${inputs} > ${outDir}/sum') }
FLOW
(cd "$work" && "$home/flow" validate wide.flow >/dev/null)   # builds the launcher's class-data archive once
measure() {  # executor
  for round in 1 2 3; do
    (cd "$work" && /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$home/flow" run wide.flow --executor "$1" --dry-run > "$work/out" 2>&1) \
      || { tail -5 "$work/out"; return 1; }
    read -r wall user sys kb < "$work/time"
    printf 'dry run of %d tasks, %s, round %d: %.2f s wall, %.2f s CPU, peak RSS %d MB, %d lines printed\n' \
      $((2 * files + 1)) "$1" "$round" "$wall" "$(echo "$user + $sys" | bc)" $((kb / 1024)) "$(wc -l < "$work/out")"
  done
}
measure local
measure condor
if command -v sinfo >/dev/null && sinfo -h >/dev/null 2>&1; then measure slurm; else echo "slurm: no cluster answers here, skipped"; fi
