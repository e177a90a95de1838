#!/bin/sh
# Runs a Windows test program under Wine (the CMAKE_CROSSCOMPILING_EMULATOR of the Windows build),
# in a Wine prefix of the program's build folder, made on first use, with Wine's own messages off.
# cswsock11.dll is found beside the program, where CMake copies it.
program="$1"
shift
build=$(cd "$(dirname "$program")" && pwd)
export WINEPREFIX="${CSWSOCK11_WINEPREFIX:-$build/wineprefix}" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
mkdir -p "$WINEPREFIX"
# Several tests may start at once (ctest -j): one makes the prefix or starts the session, the others
# wait for it.
(
  flock 9
  if [ ! -f "$WINEPREFIX/.made" ]; then
    wineboot -i >/dev/null 2>&1 && wineserver -w && touch "$WINEPREFIX/.made"
  fi
  # The first process of a Wine session starts its wineserver and system processes (services.exe
  # and others) with its own output and open files, and CTest would wait for that output to end
  # until the session ends. So a session (it ends 5 s after its last program) starts here, detached
  # (not even holding this lock), and tests join it. setsid keeps the session out of this test's
  # process group: without it, now and then a test starting under ctest -j2 failed at once (wine
  # exited 1 within 5 ms, printing nothing; 3 of 7 suite runs), never with the session started
  # outside the tests' process groups (0 of 8 runs with setsid, 0 of 8 with a session of its own).
  if setsid wineserver -p5 </dev/null >/dev/null 2>&1 9>&-; then
    setsid wine cmd /c exit </dev/null >/dev/null 2>&1 9>&-
  fi
) 9>"$WINEPREFIX.lock"
exec wine "$program" "$@"
