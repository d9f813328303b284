#!/usr/bin/env bash
# Convolve-step benchmark (issue 5): 200 clusters of 16x16x400 at 10 ps (the shared sample's 4
# clusters repeated), converted by `flow step convolve` with 1 and 2 CPUs under -Xmx256m, next
# to the floor on the same file (zcat input | gzip -1 > /dev/null), each run ROUNDS times (3 by
# default; the median is reported, this kind of VM varies by a third between runs). Prints
# clusters/s, MB/s of uncompressed input, and peak RSS; asserts nothing.
set -euo pipefail
home=$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/..
data="$home/../shared/data/smartpix"
repeat=${REPEAT:-50}
rounds=${ROUNDS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
input="$work/pixel_clusters_bench.out.gz"
{ zcat "$data/pixel_clusters_d00001.out.gz" | sed -n 1,2p
  for _ in $(seq "$repeat"); do zcat "$data/pixel_clusters_d00001.out.gz" | tail -n +3; done; } | gzip -6 > "$input"
clusters=$(zcat "$input" | grep -c '^<cluster>')
bytes=$(zcat "$input" | wc -c)
"$home/flow" --version >/dev/null   # builds flow if needed, outside the timing
echo "input: $clusters clusters, $((bytes / 1000000)) MB uncompressed, $(($(stat -c %s "$input") / 1000000)) MB gzipped"
report() {  # name, then "seconds rss_kb" lines: the median time and the largest RSS
  sort -n | awk -v n="$1" -v c="$clusters" -v b="$bytes" '{ s[NR] = $1; if ($2 > r) r = $2 }
    END { m = s[int((NR + 1) / 2)]; printf "%-28s %7.2f s  %8.1f clusters/s  %7.1f MB/s  peak RSS %4d MB  (median of %d)\n", n, m, c / m, b / m / 1e6, r / 1024, NR }'
}
timed() {  # command...: prints "seconds rss_kb"
  /usr/bin/time -f '%e %M' -o "$work/t" "$@" && cat "$work/t"
}
for _ in $(seq "$rounds"); do timed bash -c "zcat '$input' | gzip -1 > /dev/null"; done | report "floor: zcat | gzip -1"
for cpus in 1 2; do
  for _ in $(seq "$rounds"); do
    rm -rf "$work/out$cpus" && mkdir -p "$work/out$cpus"
    FLOW_JAVA_OPTS="-Xmx256m -XX:+UseSerialGC" timed \
      "$home/flow" step convolve --cpus "$cpus" --param pulses="$data/pulse_response.csv" "$input" --out "$work/out$cpus"
  done | report "flow step convolve, $cpus CPU"
done
cmp <(zcat "$work/out1/"*.gz) <(zcat "$work/out2/"*.gz) && echo "1-CPU and 2-CPU outputs identical"
echo "== row parsing"
(cd "$home" && mvn -q -B -pl steps test-compile >/dev/null)
java -cp "$home/steps/target/test-classes:$home/steps/target/classes" flow.steps.convolve.ParseBench "$data/pixel_clusters_d00001.out.gz"
