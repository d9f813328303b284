#!/usr/bin/env bash
# Builds libflowcodecs.so (flow_codecs.c: ROOT's zlib and LZMA blocks through libdeflate and
# liblzma) into CLASSES/flow/rootio/native/linux-ARCH/, where NativeCodecs finds it. Run by Maven
# in the compile phase. Where gcc or the headers (Debian: libdeflate-dev, liblzma-dev) are missing
# it builds nothing and says so: rootio then uses the JDK's zlib and xz-java.
# usage: build.sh CLASSES JAVA_HOME
set -euo pipefail
src=$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")
classes=$1 java_home=$2
out="$classes/flow/rootio/native/linux-$(uname -m)"
if ! command -v gcc >/dev/null || ! printf '#include <libdeflate.h>\n#include <lzma.h>\n' | gcc -E -x c - >/dev/null 2>&1; then
  echo "rootio: gcc, libdeflate-dev or liblzma-dev missing: native codecs not built (the JDK's zlib and xz-java will be used)"
  exit 0
fi
mkdir -p "$out"
gcc -O2 -fPIC -shared -Wall -Werror -I"$java_home/include" -I"$java_home/include/linux" \
  "$src/flow_codecs.c" -o "$out/libflowcodecs.so.tmp" -ldeflate -llzma
mv -f "$out/libflowcodecs.so.tmp" "$out/libflowcodecs.so"
