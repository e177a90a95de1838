#!/usr/bin/env bash
# Installs what the tests need (build/prerequisites.sh test), builds everything (build/build.sh, and
# --windows for the win-x64 DLL), then runs every suite: the NUnit projects (dotnet test), the
# benchmark's quick mode, the native C/C++ tests, header matrix included (CMake + CTest), on
# Linux and under Wine, the Pascal tests (build/pascal-tests.sh, Linux) and the reference pages'
# examples (build/reference-examples.sh, Linux). Needs nothing installed by hand but the .NET
# SDK. Ends with one line "N passed, N failed" summed over all suites, and exits non-zero if
# anything failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
logs="$root/artifacts/test-logs"
mkdir -p "$logs"
passed=0
failed=0

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}

# A step that cannot even run (a build error) counts as one failure.
step_failed() {
  echo "test.sh: $1 failed" >&2
  failed=$((failed + 1))
}

"$root/build/prerequisites.sh" test || { step_failed "build/prerequisites.sh test"; finish; }
"$root/build/build.sh" || { step_failed "build/build.sh"; finish; }
"$root/build/build.sh" --windows || { step_failed "build/build.sh --windows"; finish; }
out="$root/artifacts/$("$root/build/host-rid.sh")"

# Managed suites. Each test project prints "Passed!  - Failed: F, Passed: P, ..." (or "Failed! ...").
dotnet test "$root/CSWSock.sln" --nologo 2>&1 | tee "$logs/dotnet-test.log"
dotnet_status=${PIPESTATUS[0]}
summaries=$(grep -E '^(Passed|Failed)! ' "$logs/dotnet-test.log" || true)
if [ -z "$summaries" ]; then
  step_failed "dotnet test"
else
  while read -r line; do
    passed=$((passed + $(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$line")))
    failed=$((failed + $(sed -E 's/.*Failed: +([0-9]+), Passed.*/\1/' <<<"$line")))
  done <<<"$summaries"
  [ "$dotnet_status" -eq 0 ] || [ "$failed" -gt 0 ] || step_failed "dotnet test (exit $dotnet_status)"
fi

# The benchmark in its quick mode (seconds): it keeps compiling and still moves the right data.
# Timings are not judged here; build/bench.sh alone measures.
if "$root/build/bench.sh" --quick > "$logs/bench-quick.log" 2>&1; then
  passed=$((passed + 1))
  echo "benchmark (quick): every case moved the right data"
else
  cat "$logs/bench-quick.log"
  step_failed "build/bench.sh --quick"
fi

# A native suite: configures native-tests into the build folder $2 with the CMake options that
# follow, builds it and runs CTest, whose last line "N% tests passed, F tests failed out of T" gives
# its counts. $1 names its logs.
native_suite() {
  local name=$1 build=$2
  shift 2
  if cmake -S "$root/native-tests" -B "$build" "$@" >"$logs/cmake-$name.log" 2>&1 &&
     cmake --build "$build" -j2 >>"$logs/cmake-$name.log" 2>&1; then
    (cd "$build" && ctest --output-on-failure -j2) 2>&1 | tee "$logs/ctest-$name.log"
    local summary total suite_failed
    summary=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$logs/ctest-$name.log" || true)
    if [ -z "$summary" ]; then
      step_failed "ctest ($name)"
    else
      total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$summary")
      suite_failed=$(sed -E 's/.*, ([0-9]+) tests? failed.*/\1/' <<<"$summary")
      passed=$((passed + total - suite_failed))
      failed=$((failed + suite_failed))
    fi
  else
    cat "$logs/cmake-$name.log"
    step_failed "native tests build ($name)"
  fi
}

# Native suites: on Linux, then the same sources cross-compiled for Windows and run under Wine
# (native-tests/windows-excluded.txt lists what Windows leaves out; the Windows build compares its
# test lists with the Linux build's).
native_suite linux "$root/native-tests/build" -DCSWSOCK11_DIR="$out"
native_suite windows "$root/native-tests/build-win64" \
  -DCMAKE_TOOLCHAIN_FILE="$root/native-tests/cmake/mingw-w64-x86_64.cmake" \
  -DCSWSOCK11_DIR="$root/artifacts/win-x64" -DNATIVE_TESTS_LINUX_BUILD="$root/native-tests/build"

# A suite script that prints "N passed, N failed" as its last such line: $1 is the script, $2 names
# its log. Both below are Linux only: build/pascal-tests.sh (fpc -Mdelphi against
# bindings/pascal/cswsock11.pas, each test program one test) and build/reference-examples.sh (each
# reference page's EXAMPLE compiled with gcc, and run when it needs only loopback).
script_suite() {
  "$1" 2>&1 | tee "$logs/$2.log"
  local summary
  summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$logs/$2.log" | tail -1 || true)
  if [ -z "$summary" ]; then
    step_failed "$1"
  else
    passed=$((passed + $(sed -E 's/^([0-9]+) passed.*/\1/' <<<"$summary")))
    failed=$((failed + $(sed -E 's/.*, ([0-9]+) failed$/\1/' <<<"$summary")))
  fi
}
script_suite "$root/build/pascal-tests.sh" pascal-tests
script_suite "$root/build/reference-examples.sh" reference-examples

finish
