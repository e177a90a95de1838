#!/usr/bin/env bash
# compare-test-lists.sh LINUX_PROGRAMS WINDOWS_PROGRAMS EXCLUDED WINDOWS_RUNNER - the Windows build's
# check that both platforms run the same tests (CTest: portability.test-lists). The *_PROGRAMS files
# (gtest-programs.txt of each build) list the GoogleTest programs; WINDOWS_RUNNER (wine-run.sh) runs
# the Windows ones. EXCLUDED (windows-excluded.txt) holds lines "PATTERN REASON", PATTERN a shell
# glob over full test names (Suite.Test). It fails unless every Linux test is built for Windows or
# matched by a pattern, but not both; every Windows test is a Linux test; and every pattern matches
# a Linux test and gives a reason.
set -uo pipefail
linux_programs=$1 windows_programs=$2 excluded=$3 runner=$4
problems=0

problem() {
  echo "$1"
  problems=$((problems + 1))
}

# The full names "Suite.Test" a program lists (--gtest_list_tests), one per line.
list_tests() {
  "$@" --gtest_list_tests | tr -d '\r' | awk '
    { sub(/ *#.*/, "") }
    /^  / { sub(/^ +/, ""); print suite $0; next }
    /\.$/ { suite = $0 }'
}

# Every test of the programs a list file names; "$@" runs each of them.
all_tests() {
  local list=$1 program
  shift
  [ -s "$list" ] || { echo "no programs listed in $list (is that build configured?)" >&2; return 1; }
  while read -r program; do
    list_tests "$@" "$program" || { echo "cannot list the tests of $program" >&2; return 1; }
  done <"$list"
}

linux=$(all_tests "$linux_programs") || exit 1
windows=$(all_tests "$windows_programs" "$runner") || exit 1
mapfile -t patterns < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$excluded")

excluded_by() {
  local name=$1 line
  for line in "${patterns[@]}"; do
    # shellcheck disable=SC2053 # the pattern is a glob on purpose
    [[ $name == ${line%%[[:space:]]*} ]] && { echo "${line%%[[:space:]]*}"; return 0; }
  done
  return 1
}

while read -r name; do
  if grep -qxF -- "$name" <<<"$windows"; then
    pattern=$(excluded_by "$name") && problem "$name: built for Windows, yet excluded by '$pattern'"
  else
    excluded_by "$name" >/dev/null || problem "$name: not built for Windows, and not in $(basename "$excluded")"
  fi
done <<<"$linux"

while read -r name; do
  grep -qxF -- "$name" <<<"$linux" || problem "$name: runs on Windows only (a test body that differs?)"
done <<<"$windows"

for line in "${patterns[@]}"; do
  pattern=${line%%[[:space:]]*}
  reason=$(sed -E 's/^[^[:space:]]+[[:space:]]*//' <<<"$line")
  [ -n "$reason" ] || problem "'$pattern' in $(basename "$excluded") gives no reason"
  matched=0
  while read -r name; do
    # shellcheck disable=SC2053
    [[ $name == $pattern ]] && { matched=1; break; }
  done <<<"$linux"
  [ "$matched" -eq 1 ] || problem "'$pattern' in $(basename "$excluded") matches no Linux test"
done

echo "$(wc -l <<<"$linux") Linux tests, $(wc -l <<<"$windows") Windows tests, ${#patterns[@]} exclusion patterns"
[ "$problems" -eq 0 ] || { echo "$problems problems"; exit 1; }
