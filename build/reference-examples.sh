#!/usr/bin/env bash
# The reference pages' examples (issue 13 item 4). Linux only: the pages' programs are compiled with
# gcc against the Linux library, and the `run` ones need only loopback.
# Every docs/reference/<Function>.md (index.md aside) holds exactly one ```c block just after a marker
# line `<!-- example: run -->` or `<!-- example: compile -->`. Each is compiled and linked against
# artifacts/<rid>/ with -std=c11 -Wall -Wextra -Werror; the `run` ones are then run with a 20 s
# timeout and must exit 0. A page with no marked block, or with several, fails.
# Needs build/build.sh first (artifacts/<rid>/). Prints PASS/FAIL per page, then "N passed, N failed";
# exits non-zero if anything failed. build/test.sh runs it (reference_examples).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
lib="$root/artifacts/$("$root/build/host-rid.sh")"
out="$root/artifacts/reference-examples"
rm -rf "$out"
mkdir -p "$out"

. "$root/build/suite-results.sh"

# extract PAGE SOURCE: writes the marked ```c block of PAGE to SOURCE and prints its kind (run or
# compile); fails, printing why, when the page has no marked block or more than one.
extract() {
  awk -v source="$2" '
    /^<!-- example: (run|compile) -->[[:space:]]*$/ { marked = $0; sub(/^<!-- example: /, "", marked); sub(/ -->.*$/, "", marked); next }
    marked != "" && /^```c[[:space:]]*$/ { kind = marked; blocks++; inside = 1; marked = ""; if (blocks == 1) printf "" > source; next }
    inside && /^```[[:space:]]*$/ { inside = 0; next }
    inside { if (blocks == 1) print > source; next }
    { marked = "" }
    END {
      if (blocks == 0) { print "no ```c block after an <!-- example: run|compile --> marker"; exit 1 }
      if (blocks > 1) { print blocks " marked ```c blocks, not one"; exit 1 }
      if (inside) { print "the example block is not closed"; exit 1 }
      print kind
    }' "$1"
}

shopt -s nullglob
for page in "$root"/docs/reference/*.md; do
  name=$(basename "$page" .md)
  [ "$name" = index ] && continue
  source="$out/$name.c"
  if ! kind=$(extract "$page" "$source"); then
    result "$name" 1 "$kind"
    continue
  fi
  if ! gcc -std=c11 -Wall -Wextra -Werror -I "$lib" -o "$out/$name" "$source" \
         -L "$lib" -lcswsock11 -pthread -Wl,-rpath,"$lib" >"$out/$name.build.log" 2>&1; then
    cat "$out/$name.build.log" >&2
    result "$name ($kind)" 1 "does not compile"
    continue
  fi
  if [ "$kind" = compile ]; then
    result "$name (compile)" 0
    continue
  fi
  (cd "$out" && timeout 20 "$out/$name") >"$out/$name.log" 2>&1
  status=$?
  if [ "$status" -ne 0 ]; then
    cat "$out/$name.log" >&2
    result "$name (run)" 1 "exit $status$([ "$status" -eq 124 ] && echo ', timed out after 20 s')"
  else
    result "$name (run)" 0
  fi
done

finish_suite
