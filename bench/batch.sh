#!/usr/bin/env bash
# Batch benchmark (issue 21): TASKS trivial tasks (default 2,000) on the local single-node SLURM
# (test/slurm/start.sh), once per batch size in BATCHES (default "50 1": batch 50, then one task
# per array element). Prints per size the array elements, the scheduler commands flow issued,
# the submit wall time, the time to completion and the CPU the whole machine spent meanwhile
# (from /proc/stat: the task JVMs, SLURM and the head). Asserts nothing.
set -euo pipefail
home=$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/..
n=${TASKS:-2000}
[ "$(id -u)" = 0 ] && "$home/test/slurm/start.sh" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }   # user nice system irq softirq, in ticks
ticks=$(getconf CLK_TCK)
echo "machine: $(nproc) cores; $n trivial tasks per run"
for size in ${BATCHES:-50 1}; do
  cat > "$work/b$size.flow" <<FLOW
stage('a') { scan i: (1..$n).toList(); batch $size; time '1m'; step exec('echo \${i} > \${outDir}/a') }
FLOW
  (cd "$work" && "$home/flow" validate "b$size.flow" >/dev/null)   # builds flow if needed, outside the timing
  cpu0=$(busy)
  start=$(date +%s.%N)
  (cd "$work" && "$home/flow" run "b$size.flow" --executor slurm --run-name "b$size") | while IFS= read -r line; do
    printf '%s %s\n' "$(date +%s.%N)" "$line"
  done > "$work/run.log"
  end=$(date +%s.%N)
  cpu1=$(busy)
  submitted=$(grep ' submitted ' "$work/run.log" | tail -1 | cut -d' ' -f1)
  elements=$(cat "$work/.flow/runs/b$size/stages/a/scripts/"*.batches 2>/dev/null | wc -l)
  [ "$elements" -gt 0 ] || elements=$n   # batch 1: one element per task, no batches file
  done_tasks=$(find "$work/.flow/runs/b$size/stages/a/tasks" -name a -path '*/out/a' | wc -l)
  echo "batch $size: $elements array elements, $done_tasks/$n tasks done; $(grep 'scheduler commands' "$work/run.log" | cut -d' ' -f2-)"
  awk -v s="$start" -v u="$submitted" -v e="$end" -v c0="$cpu0" -v c1="$cpu1" -v t="$ticks" -v n="$n" 'BEGIN {
    printf "  submit wall time %.2f s, time to completion %.1f s, machine CPU %.1f s (%.3f s per task)\n", u - s, e - s, (c1 - c0) / t, (c1 - c0) / t / n }'
done
