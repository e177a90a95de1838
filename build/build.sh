#!/usr/bin/env bash
# Builds cswsock11 for this machine into artifacts/<rid>/ (the library with SONAME cswsock11.so,
# the libcswsock11.so link for -lcswsock11, and the header), then builds and runs the sample.
# Installs what it needs first (build/prerequisites.sh build), so it works on a fresh machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/build/prerequisites.sh" build
rid=$("$root/build/host-rid.sh")
out="$root/artifacts/$rid"

dotnet publish "$root/src/CSWSock.Native" -r "$rid" -c Release -o "$out" --nologo
cp "$root/include/cswsock11.h" "$out/"

mkdir -p "$out/samples"
gcc -std=c11 -Wall -Wextra -pedantic -Werror -I"$out" "$root/samples/client.c" \
    -L"$out" -lcswsock11 -pthread -Wl,-rpath,'$ORIGIN/..' -o "$out/samples/client"
"$out/samples/client"
