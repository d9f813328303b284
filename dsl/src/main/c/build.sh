#!/usr/bin/env bash
# Builds libflowfiles.so (flow_files.c: many files' attributes in one call, a directory's names
# sorted) into CLASSES/flow/util/native/linux-ARCH/, where NativeFiles finds it. Run by Maven in
# the compile phase. Where gcc is missing it builds nothing and says so: the JDK does the same.
# usage: build.sh CLASSES JAVA_HOME
set -euo pipefail
src=$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")
classes=$1 java_home=$2
out="$classes/flow/util/native/linux-$(uname -m)"
if ! command -v gcc >/dev/null; then
  echo "dsl: gcc missing: libflowfiles not built (the JDK will read directories and file attributes)"
  exit 0
fi
mkdir -p "$out"
gcc -O2 -fPIC -shared -Wall -Werror -I"$java_home/include" -I"$java_home/include/linux" \
  "$src/flow_files.c" -o "$out/libflowfiles.so.tmp"
mv -f "$out/libflowfiles.so.tmp" "$out/libflowfiles.so"
