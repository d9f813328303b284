#!/usr/bin/env bash
# rootio read benchmark (issue 6): every branch of uproot-issue412.root (1 M entries) and of the
# HZZ files in each compression, best of 5 rounds in one JVM, on 1 and 2 threads. Prints
# entries/s and MB/s of file; then side by side with Laurelin, rootio with its native codecs and
# with the JDK's. Asserts nothing.
set -euo pipefail
home=$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/..
data="$home/../shared/data/root"
(cd "$home" && mvn -q -B -o -pl steps/rootio test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null)
cp="$home/steps/rootio/target/test-classes:$home/steps/rootio/target/classes:$(cat "$home/steps/rootio/target/bench.cp")"
java -XX:+UseSerialGC -cp "$cp" flow.rootio.ReadBench "${THREADS:-2}" "$data/uproot-issue412.root" "$data"/uproot-HZZ*.root
both=("$data"/uproot-HZZ*.root "$data/uproot-Zmumu.root" "$data/uproot-sample-6.20.04-zlib.root"
  "$data/uproot-sample-6.20.04-uncompressed.root" "$data/uproot-issue412.root")
echo "== side by side with Laurelin 1.0.1 (numeric scalar and counted-array branches; the serial GC, as flow's task JVMs use)"
java -XX:+UseSerialGC -cp "$cp" flow.rootio.LaurelinBench "${both[@]}" 2>/dev/null
echo "== the same, rootio on the JDK's codecs (its fallback where libdeflate-dev is not installed)"
java -XX:+UseSerialGC -Dflow.rootio.codecs=java -cp "$cp" flow.rootio.LaurelinBench "${both[@]}" 2>/dev/null
