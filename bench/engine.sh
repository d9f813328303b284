#!/usr/bin/env bash
# Engine benchmark (issue 2): planning 100,000 input files in a 3-stage pipeline (time, peak
# heap, under -Xmx300m), and local-executor throughput for 2,000 trivial exec tasks, next to
# GNU parallel and xargs -P running the same command on the same machine. Prints figures; asserts nothing.
set -euo pipefail
home=$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/..
cd "$home"
files=${FILES:-100000}
tasks=${TASKS:-2000}
jobs=${JOBS:-$(nproc)}
command -v parallel >/dev/null || apt-get install -y -qq parallel >/dev/null
mvn -q -B -DskipTests install >/dev/null
mvn -q -B -pl test dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test > "${TMPDIR:-/tmp}/flow-bench.cp"
cp="test/target/test-classes:$(cat "${TMPDIR:-/tmp}/flow-bench.cp")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
mkdir -p "$work/data"
(cd "$work/data" && seq -f 'f%06g.dat' 1 "$files" | xargs touch)
echo "== planning $files files, 3 stages, -Xmx300m"
java -Xmx300m -XX:+UseSerialGC -Dflow.home="$home" -cp "$cp" flow.bench.EngineBench plan "$work"

echo "== $tasks trivial exec tasks, $jobs at once"
java -XX:+UseSerialGC -Djdk.lang.Process.launchMechanism=VFORK -Dflow.home="$home" -cp "$cp" flow.bench.EngineBench tasks "$work" "$tasks" "$jobs"
mkdir -p "$work/parallel"
start=$(date +%s.%N)
seq 1 "$tasks" | parallel -j "$jobs" "mkdir -p $work/parallel/{} && echo {} > $work/parallel/{}/x"
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="$tasks" -v j="$jobs" 'BEGIN { printf "GNU parallel: %d tasks, %d at once, %.2f s, %.0f tasks/s\n", n, j, e - s, n / (e - s) }'
mkdir -p "$work/xargs"
start=$(date +%s.%N)
seq 1 "$tasks" | (cd "$work/xargs" && xargs -P "$jobs" -I{} bash -c 'mkdir -p {} && echo {} > {}/x')
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="$tasks" -v j="$jobs" 'BEGIN { printf "xargs -P: %d tasks, %d at once, %.2f s, %.0f tasks/s\n", n, j, e - s, n / (e - s) }'
