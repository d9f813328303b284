#!/usr/bin/env bash
# Report benchmark (issue 20): a run of 100,001 tasks whose trace holds 100,000 finished attempts
# (laid out as a head leaves it), then `flow report` (wall time, file size) and three renders in
# headless Chromium: the page's own figure (data-render-ms: from its script's start to the
# timeline, histograms and table drawn) and Chromium's wall time, start-up included. Asserts nothing.
set -euo pipefail
home=$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/..
cd "$home"
n=${TASKS:-100000}
command -v chromium >/dev/null || apt-get install -y -qq --no-install-recommends chromium >/dev/null
mvn -q -B -o -DskipTests install >/dev/null
mvn -q -B -o -pl test dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test > "${TMPDIR:-/tmp}/flow-bench.cp"
cp="test/target/test-classes:$(cat "${TMPDIR:-/tmp}/flow-bench.cp")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(chromium --version 2>/dev/null)"
java -XX:+UseSerialGC -Dflow.home="$home" -cp "$cp" flow.bench.EngineBench tracedrun "$work" "$n"
"$home/flow" --help >/dev/null # the first call after a build trains the launcher's class-data archive: not timed
for round in 1 2 3; do
  (cd "$work" && /usr/bin/time -f "%e %M" -o "$work/time" "$home/flow" report big -o "$work/big.html" >/dev/null)
  read -r wall rss < "$work/time"
  echo "flow report of $n attempts ($(wc -l < "$work/.flow/runs/big/ledger.jsonl") ledger records), round $round: $wall s wall, peak RSS $((rss / 1024)) MB, $(( $(stat -c %s "$work/big.html") / 1024 / 1024 )) MB file"
done
for round in 1 2 3; do
  start=$(date +%s.%N)
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --user-data-dir="$work/profile$round" --dump-dom "file://$work/big.html" 2>/dev/null > "$work/dom.html"
  end=$(date +%s.%N)
  ms=$(grep -o 'data-render-ms="[0-9]*"' "$work/dom.html" | grep -o '[0-9]*')
  ready=$(grep -o 'data-ready-ms="[0-9]*"' "$work/dom.html" | grep -o '[0-9]*')
  bars=$(grep -o 'data-bars="[0-9]*"' "$work/dom.html" | grep -o '[0-9]*')
  awk -v s="$start" -v e="$end" -v ms="$ms" -v ready="$ready" -v bars="$bars" -v r="$round" \
    'BEGIN { printf "render round %d: %d timeline bars, page script %d ms, drawn %d ms after navigation began, chromium wall %.2f s (start-up, parse, render, DOM dump)\n", r, bars, ms, ready, e - s }'
done
