#!/usr/bin/env bash
# Regenerates the bindings made from include/cswsock11.h: bindings/pascal/cswsock11.pas and
# bindings/vb6/cswsock11.bas, written by tools/CSWSock.Bindings (clang-14 reads the header, as for
# the interface check). Run it after changing the header and commit the result; the interface check
# fails while a committed file is not the generator's output (PascalUnit_IsTheGeneratorsOutputForTheHeader,
# Vb6Module_IsTheGeneratorsOutputForTheHeader).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
command -v clang-14 >/dev/null || "$root/build/prerequisites.sh" test
dotnet run --project "$root/tools/CSWSock.Bindings" -- --pascal --vb6
