#!/usr/bin/env bash
# Builds libflowstat.so (flow_stat.c: many files' attributes in one call) into
# CLASSES/flow/util/native/linux-ARCH/, where FileStats finds it. Run by Maven in the compile
# phase. Where gcc is missing it builds nothing and says so: FileStats then asks the JDK (NIO).
# usage: build.sh CLASSES JAVA_HOME
set -euo pipefail
src=$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")
classes=$1 java_home=$2
out="$classes/flow/util/native/linux-$(uname -m)"
if ! command -v gcc >/dev/null; then
  echo "dsl: gcc missing: libflowstat not built (file attributes will be read through NIO)"
  exit 0
fi
mkdir -p "$out"
gcc -O2 -fPIC -shared -Wall -Werror -I"$java_home/include" -I"$java_home/include/linux" \
  "$src/flow_stat.c" -o "$out/libflowstat.so.tmp"
mv -f "$out/libflowstat.so.tmp" "$out/libflowstat.so"
