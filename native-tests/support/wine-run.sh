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
  # (not even holding this lock), and tests join it.
  if wineserver -p5 </dev/null >/dev/null 2>&1 9>&-; then
    wine cmd /c exit </dev/null >/dev/null 2>&1 9>&-
  fi
) 9>"$WINEPREFIX.lock"
exec wine "$program" "$@"
