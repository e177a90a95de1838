#!/usr/bin/env bash
# Builds cswsock11 into artifacts/<rid>/ and checks that a customer's program can use it.
#
#   build/build.sh            this machine's library (artifacts/linux-x64/: cswsock11.so with SONAME
#                             cswsock11.so, the libcswsock11.so link for -lcswsock11, the header),
#                             then builds and runs the sample against it
#   build/build.sh --windows  the win-x64 DLL, cross-linked for testing under Wine
#                             (src/CSWSock.Native/WinCross/): artifacts/win-x64/ holds cswsock11.dll,
#                             its import libraries cswsock11.lib (MSVC) and libcswsock11.dll.a (mingw),
#                             and the header. Release DLLs are linked on Windows (build/build.ps1).
#   Both also write lib/pkgconfig/cswsock11.pc and the CMake package lib/cmake/cswsock11/
#   (build/package-files.sh), which find the library and header at the folder's root.
#
# Installs what it needs first (build/prerequisites.sh), so it works on a fresh machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
project="$root/src/CSWSock.Native"

if [ "${1:-}" = "--windows" ]; then
  "$root/build/prerequisites.sh" windows
  out="$root/artifacts/win-x64"
  dotnet publish "$project" -r win-x64 -c Release -o "$out" --nologo
  cp "$root/include/cswsock11.h" "$out/"
  # lld-link writes the import library beside the DLL it links, which publish does not copy.
  cp "$project/bin/Release/net10.0/win-x64/native/cswsock11.lib" "$out/"
  llvm-dlltool-14 -m i386:x86-64 -D cswsock11.dll -d "$root/cswsock11.def" -l "$out/libcswsock11.dll.a"
  # pkg-config (mingw-w64) and CMake package files: lib/pkgconfig/, lib/cmake/cswsock11/.
  "$root/build/package-files.sh" "$out" windows
  exit
fi
[ $# -eq 0 ] || { echo "usage: $0 [--windows]" >&2; exit 2; }

"$root/build/prerequisites.sh" build
rid=$("$root/build/host-rid.sh")
out="$root/artifacts/$rid"

dotnet publish "$project" -r "$rid" -c Release -o "$out" --nologo
cp "$root/include/cswsock11.h" "$out/"
# For C and C++ build systems, relocatable: lib/pkgconfig/cswsock11.pc, lib/cmake/cswsock11/.
"$root/build/package-files.sh" "$out" linux

# The samples, built as a customer builds them (the native tests run them: sample.* in CTest).
mkdir -p "$out/samples"
for sample in client echo-server event-client tls-client udp; do
  gcc -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -pedantic -Werror -I"$out" "$root/samples/$sample.c" \
      -L"$out" -lcswsock11 -pthread -Wl,-rpath,'$ORIGIN/..' -o "$out/samples/$sample"
done
"$out/samples/client"
