#!/usr/bin/env bash
# run-consumer.sh MODE ARTIFACTS WORK CC [TOOLCHAIN RUNNER] - builds and runs app.c as a customer
# would, against a COPY of the artifacts folder made in WORK (so nothing may point back at the
# original: the packages must be relocatable), and fails unless the program ran with the copy's
# library. CTest's consumer.pkg-config and consumer.cmake-package (native-tests/CMakeLists.txt).
#   MODE       pkg-config     CC $(pkg-config --cflags --libs cswsock11), PKG_CONFIG_PATH=<copy>/lib/pkgconfig
#              cmake-package  cmake/CMakeLists.txt: find_package(cswsock11 CONFIG), CMAKE_PREFIX_PATH=<copy>
#   ARTIFACTS  artifacts/linux-x64 or artifacts/win-x64 (build/build.sh [--windows])
#   TOOLCHAIN  for Windows: the CMake toolchain file (cross-compiling with mingw-w64) and
#   RUNNER     the program that runs a Windows program (support/wine-run.sh)
set -uo pipefail
mode=$1 artifacts=$2 work=$3 cc=$4 toolchain=${5:-} runner=${6:-}
here=$(cd "$(dirname "$0")" && pwd)

fail() {
  echo "FAIL ($mode): $*" >&2
  exit 1
}

# The copy, somewhere the original never was. The library must not be found any other way.
rm -rf "$work"
mkdir -p "$work/elsewhere" || fail "cannot make $work"
copy="$work/elsewhere/cswsock11"
cp -r "$artifacts" "$copy" || fail "cannot copy $artifacts"
copy=$(cd "$copy" && pwd -P)
unset LD_LIBRARY_PATH CPATH C_INCLUDE_PATH LIBRARY_PATH PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR
echo "copied $artifacts to $copy"

# Every absolute path a flag names must be inside the copy.
check_paths() {
  local what=$1 word path
  shift
  for word in "$@"; do
    path=${word#-I}; path=${path#-L}; path=${path#-Wl,-rpath,}
    case $path in
      /*) path=$(realpath -m "$path")
          case $path/ in "$copy"/*) ;; *) fail "$what names $word, outside the copied folder $copy" ;; esac ;;
    esac
  done
}

case "$mode" in
  pkg-config)
    export PKG_CONFIG_PATH="$copy/lib/pkgconfig"
    version=$(pkg-config --modversion cswsock11) || fail "pkg-config does not find cswsock11 in $PKG_CONFIG_PATH"
    flags=$(pkg-config --cflags --libs cswsock11) || fail "pkg-config --cflags --libs cswsock11 failed"
    echo "pkg-config cswsock11 $version: $flags"
    # shellcheck disable=SC2086 # pkg-config's output is words on purpose
    check_paths "pkg-config --cflags --libs" $flags
    extra=()
    program="$work/app"
    if [ -n "$toolchain" ]; then
      extra=(-static)   # the program's own C runtime (the DLL is found beside it)
      program="$work/app.exe"
    fi
    # shellcheck disable=SC2086
    "$cc" -std=c11 -Wall -Wextra -Werror "$here/app.c" $flags "${extra[@]}" -o "$program" ||
      fail "$cc $here/app.c $flags failed"
    [ -z "$toolchain" ] || cp "$copy/cswsock11.dll" "$work/" || fail "no cswsock11.dll in $copy"
    ;;
  cmake-package)
    args=(-S "$here/cmake" -B "$work/build" -DCMAKE_PREFIX_PATH="$copy" -DCMAKE_C_COMPILER="$cc")
    [ -z "$toolchain" ] || args+=(-DCMAKE_TOOLCHAIN_FILE="$toolchain")
    configured=$(cmake "${args[@]}" 2>&1)
    status=$?
    echo "$configured"
    [ $status -eq 0 ] || fail "cmake could not configure the consumer"
    found=$(sed -n 's/^-- cswsock11 .* package: \(.*\); library: \(.*\)$/\1 \2/p' <<<"$configured")
    [ -n "$found" ] || fail "the consumer's configure did not report the package"
    # shellcheck disable=SC2086
    check_paths "the CMake package (cswsock11_DIR, IMPORTED_LOCATION)" $found
    cmake --build "$work/build" || fail "the consumer did not build"
    program="$work/build/app"
    [ -z "$toolchain" ] || program="$work/build/app.exe"
    ;;
  *) fail "unknown mode (pkg-config or cmake-package)" ;;
esac

if [ -z "$toolchain" ]; then
  # Runs as built, without LD_LIBRARY_PATH: the package's rpath (pkg-config) or CMake's build RPATH.
  echo "RUNPATH: $(readelf -d "$program" | sed -n 's/.*(\(RUNPATH\|RPATH\)).*\[\(.*\)\]/\2/p')"
  output=$("$program" 2>&1)
else
  output=$("$runner" "$program" 2>&1 | tr -d '\r')
fi
status=$?
echo "$output"
[ $status -eq 0 ] || fail "the consumer exited $status"
grep -q '^cswsock11 version 11\.' <<<"$output" || fail "the consumer printed no version"
if [ -z "$toolchain" ]; then
  loaded=$(sed -n 's/^library: //p' <<<"$output")
  [ -n "$loaded" ] && [ "$loaded" != "?" ] || fail "the consumer could not tell where its library came from"
  loaded=$(realpath -m "$loaded")
  case $loaded in
    "$copy"/*) ;;
    *) fail "the consumer ran with $loaded, not with the copied folder's library ($copy)" ;;
  esac
fi
echo "PASS ($mode)"
