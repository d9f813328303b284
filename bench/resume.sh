#!/usr/bin/env bash
# Resume benchmark (issue 16): a run of 100,000 DONE tasks (one per input file, then one over
# all their outputs) laid out as the task wrapper leaves it, then `flow resume --dry-run` and a
# no-op `flow resume` through the real CLI: wall time and peak RSS of each, with a 300 MB heap
# cap; then resumes that each find one new input (one task to run, and the gather again), which
# the launcher hands from its C1 look to a JVM with C2 (default heap). Prints figures; asserts nothing.
set -euo pipefail
home=$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/..
cd "$home"
files=${FILES:-100000}
heap=${HEAP:-300m}
rounds=${ROUNDS:-5}
mvn -q -B -DskipTests install >/dev/null
mvn -q -B -pl test dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test > "${TMPDIR:-/tmp}/flow-bench.cp"
cp="test/target/test-classes:$(cat "${TMPDIR:-/tmp}/flow-bench.cp")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
mkdir -p "$work/data"
(cd "$work/data" && seq -f 'f%06g.dat' 1 "$files" | xargs touch)
java -XX:+UseSerialGC -Dflow.home="$home" -cp "$cp" flow.bench.EngineBench donerun "$work"
(cd "$work" && "$home/flow" validate done.flow >/dev/null)   # builds the launcher's class-data archive once
measure() {  # label, a command run before each round, then flow's arguments
  local label=$1 before=$2
  shift 2
  for round in $(seq "$rounds"); do
    (cd "$work" && eval "$before")
    (cd "$work" && FLOW_JAVA_OPTS="-XX:+UseSerialGC${heap:+ -Xmx$heap}" /usr/bin/time -f "%e %M" -o "$work/time" \
      "$home/flow" "$@" > "$work/out" 2>&1) || { tail -5 "$work/out"; exit 1; }
    read -r seconds kb < "$work/time"
    printf '%s, round %d: %.2f s, peak RSS %d MB, %s\n' "$label" "$round" "$seconds" $((kb / 1024)) "$( [ -n "$heap" ] && echo "-Xmx$heap" || echo "default heap" )"
  done
  grep '^stage' "$work/out"
}
measure "resume --dry-run of $files DONE tasks" : resume done --dry-run
measure "no-op resume of $files DONE tasks" : resume done
# the gather's task runs in the head, and over 100,000 inputs it needs more than 300 MB of heap
heap= measure "resume of $files DONE tasks and one new input" 'touch "data/new$round.dat"' resume done
