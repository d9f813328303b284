#!/usr/bin/env bash
# SLURM executor benchmark (issue 3): a 3-stage pipeline of trivial tasks on the local
# single-node SLURM (test/slurm/start.sh): 500 tasks, 500 twins (aftercorr), 1 gather.
# Prints the scheduler commands issued, the submit wall time and the time to completion.
set -euo pipefail
home=$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/..
n=${TASKS:-500}
[ "$(id -u)" = 0 ] && "$home/test/slurm/start.sh" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/bench.flow" <<FLOW
stage('a') { scan i: (1..$n).toList(); step exec('echo \${i} > \${outDir}/a') }
stage('b') { dependsOn 'a'; inputs outputsOf('a'); group 1; step exec('cat \${inputs} > \${outDir}/b') }
stage('c') { dependsOn 'b'; inputs outputsOf('b'); step exec('cat \${inputs} | wc -l > \${outDir}/c') }
FLOW
cd "$work"
"$home/flow" validate bench.flow >/dev/null   # builds flow if needed, outside the timing
start=$(date +%s.%N)
"$home/flow" run bench.flow --executor slurm --run-name bench | while IFS= read -r line; do
  printf '%s %s\n' "$(date +%s.%N)" "$line"
done > run.log
end=$(date +%s.%N)
submitted=$(grep ' submitted ' run.log | tail -1 | cut -d' ' -f1)
echo "tasks: $((2 * n + 1)) in 3 stages; $(grep -c ' submitted ' run.log) arrays/jobs submitted"
grep 'scheduler commands' run.log | cut -d' ' -f2-
awk -v s="$start" -v u="$submitted" -v e="$end" 'BEGIN { printf "submit wall time: %.2f s\ntime to completion: %.1f s\n", u - s, e - s }'
echo "gathered: $(cat .flow/runs/bench/stages/c/tasks/0/out/c) lines; $(tail -1 run.log | cut -d' ' -f2-)"
