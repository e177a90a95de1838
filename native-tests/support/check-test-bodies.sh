#!/bin/sh
# check-test-bodies.sh NATIVE_TESTS - fails if a test body (NATIVE_TESTS/cpp, NATIVE_TESTS/c) tests
# the platform: a platform macro, or any conditional compilation. The differences between Linux
# and Windows belong in support/ (platform.h); a test that cannot run on Windows goes in a source
# the Windows build leaves out (windows-excluded.txt). CTest: portability.test-bodies.
grep -rnE -e '_WIN32|_WIN64|__linux|__MINGW|__unix|__APPLE__|_MSC_VER|__CYGWIN__' \
          -e '^[[:space:]]*#[[:space:]]*(if|ifdef|ifndef|elif)' "$1/cpp" "$1/c"
case $? in
    0) echo "platform conditions in the test bodies above: they belong in support/"; exit 1 ;;
    1) echo "no platform conditions in $1/cpp and $1/c" ;;
    *) exit 2 ;;
esac
