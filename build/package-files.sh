#!/usr/bin/env bash
# package-files.sh ARTIFACTS linux|windows - writes what C and C++ build systems look for into an
# artifacts folder (build/build.sh calls it after publishing), beside the library and the header,
# which stay where they are, at the folder's root:
#   lib/pkgconfig/cswsock11.pc                 pkg-config (PKG_CONFIG_PATH=ARTIFACTS/lib/pkgconfig)
#   lib/cmake/cswsock11/cswsock11Config.cmake  find_package(cswsock11 CONFIG), imported target
#   lib/cmake/cswsock11/cswsock11ConfigVersion.cmake   cswsock11::cswsock11 (CMAKE_PREFIX_PATH=ARTIFACTS)
# These are the places pkg-config's and CMake's own conventions give a prefix (<prefix>/lib/pkgconfig,
# <prefix>/lib/cmake/<name>/), so the folder works as a prefix with no further setting. Both are
# relocatable: no absolute path is written; the .pc finds the prefix from ${pcfiledir}, the CMake
# files from CMAKE_CURRENT_LIST_DIR, so the folder can be copied or moved anywhere.
set -euo pipefail
out=$1 platform=$2
root=$(cd "$(dirname "$0")/.." && pwd)
# The library's version, the one it reports through INETINITDATA (Directory.Build.props).
version=$(sed -n 's:.*<Version>\([0-9.]*\)</Version>.*:\1:p' "$root/Directory.Build.props" | head -1)
[ -n "$version" ] || { echo "package-files.sh: no <Version> in Directory.Build.props" >&2; exit 1; }
major=${version%%.*}

mkdir -p "$out/lib/pkgconfig" "$out/lib/cmake/cswsock11"

case "$platform" in
  linux)
    # -Wl,-rpath: the program finds cswsock11.so in this folder when it runs, wherever the folder
    # was when the program was linked (ship cswsock11.so beside your program and set your own
    # rpath, e.g. '$ORIGIN', for a release).
    libs='-L${libdir} -Wl,-rpath,${libdir} -lcswsock11'
    description='SocketWrench (SocketTools 11) networking library, open re-implementation: cswsock11.so' ;;
  windows)
    # mingw-w64's ld finds libcswsock11.dll.a for -lcswsock11; copy cswsock11.dll beside the program.
    libs='-L${libdir} -lcswsock11'
    description='SocketWrench (SocketTools 11) networking library, open re-implementation: cswsock11.dll (mingw-w64)' ;;
  *) echo "usage: $0 ARTIFACTS linux|windows" >&2; exit 2 ;;
esac

cat >"$out/lib/pkgconfig/cswsock11.pc" <<PC
# cswsock11 $version, written by build/package-files.sh. The prefix is this file's folder's
# grandparent, so the artifacts folder can be moved: nothing here names an absolute path.
prefix=\${pcfiledir}/../..
libdir=\${prefix}
includedir=\${prefix}

Name: cswsock11
Description: $description
Version: $version
Cflags: -I\${includedir}
Libs: $libs
PC

{
  cat <<CMAKE
# cswsock11 $version: find_package(cswsock11 CONFIG) gives the imported target cswsock11::cswsock11
# (the shared library, its header folder). Written by build/package-files.sh; the prefix is computed
# from this file's place (<prefix>/lib/cmake/cswsock11/), so the folder can be moved.
get_filename_component(_cswsock11_prefix "\${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
CMAKE
  if [ "$platform" = linux ]; then
    cat <<'CMAKE'
set(_cswsock11_files "${_cswsock11_prefix}/cswsock11.so" "${_cswsock11_prefix}/cswsock11.h")
CMAKE
  else
    cat <<'CMAKE'
# The import library: lld-link's cswsock11.lib for MSVC, mingw-w64's libcswsock11.dll.a otherwise.
if(MSVC)
  set(_cswsock11_implib "${_cswsock11_prefix}/cswsock11.lib")
else()
  set(_cswsock11_implib "${_cswsock11_prefix}/libcswsock11.dll.a")
endif()
set(_cswsock11_files "${_cswsock11_prefix}/cswsock11.dll" "${_cswsock11_implib}" "${_cswsock11_prefix}/cswsock11.h")
CMAKE
  fi
  cat <<'CMAKE'
foreach(_cswsock11_file IN LISTS _cswsock11_files)
  if(NOT EXISTS "${_cswsock11_file}")
    set(cswsock11_FOUND FALSE)
    set(cswsock11_NOT_FOUND_MESSAGE "cswsock11: ${_cswsock11_file} is missing")
    return()
  endif()
endforeach()

if(NOT TARGET cswsock11::cswsock11)
  add_library(cswsock11::cswsock11 SHARED IMPORTED)
CMAKE
  if [ "$platform" = linux ]; then
    cat <<'CMAKE'
  # Linked by its path; its SONAME makes programs record NEEDED cswsock11.so. CMake puts this
  # folder in the build tree's RPATH of the programs that link it, so they run where they are built.
  set_target_properties(cswsock11::cswsock11 PROPERTIES
    IMPORTED_LOCATION "${_cswsock11_prefix}/cswsock11.so"
    IMPORTED_SONAME "cswsock11.so"
    INTERFACE_INCLUDE_DIRECTORIES "${_cswsock11_prefix}")
CMAKE
  else
    cat <<'CMAKE'
  # The DLL is the target's runtime file: $<TARGET_RUNTIME_DLLS:app> names it, to copy beside app.exe.
  set_target_properties(cswsock11::cswsock11 PROPERTIES
    IMPORTED_LOCATION "${_cswsock11_prefix}/cswsock11.dll"
    IMPORTED_IMPLIB "${_cswsock11_implib}"
    INTERFACE_INCLUDE_DIRECTORIES "${_cswsock11_prefix}")
CMAKE
  fi
  cat <<'CMAKE'
endif()
unset(_cswsock11_file)
unset(_cswsock11_files)
unset(_cswsock11_implib)
unset(_cswsock11_prefix)
CMAKE
} >"$out/lib/cmake/cswsock11/cswsock11Config.cmake"

if [ "$platform" = linux ]; then
  platform_check='NOT CMAKE_SYSTEM_NAME STREQUAL "Linux"'
  platform_text='Linux (x86-64)'
else
  platform_check='NOT WIN32'
  platform_text='Windows (x64)'
fi
cat >"$out/lib/cmake/cswsock11/cswsock11ConfigVersion.cmake" <<CMAKE
# cswsock11 $version: any 11.x request up to this version is compatible (same major version, as
# CMake's SameMajorVersion); a 64-bit $platform_text build only. Written by build/package-files.sh.
set(PACKAGE_VERSION "$version")
if(PACKAGE_FIND_VERSION_RANGE)
  if((PACKAGE_FIND_VERSION_RANGE_MIN STREQUAL "INCLUDE" AND PACKAGE_VERSION VERSION_LESS PACKAGE_FIND_VERSION_MIN)
     OR (PACKAGE_FIND_VERSION_RANGE_MAX STREQUAL "INCLUDE" AND PACKAGE_VERSION VERSION_GREATER PACKAGE_FIND_VERSION_MAX)
     OR (PACKAGE_FIND_VERSION_RANGE_MAX STREQUAL "EXCLUDE" AND PACKAGE_VERSION VERSION_GREATER_EQUAL PACKAGE_FIND_VERSION_MAX))
    set(PACKAGE_VERSION_COMPATIBLE FALSE)
  else()
    set(PACKAGE_VERSION_COMPATIBLE TRUE)
  endif()
elseif(PACKAGE_FIND_VERSION)
  if(PACKAGE_FIND_VERSION_MAJOR STREQUAL "$major" AND NOT PACKAGE_FIND_VERSION VERSION_GREATER PACKAGE_VERSION)
    set(PACKAGE_VERSION_COMPATIBLE TRUE)
    if(PACKAGE_FIND_VERSION VERSION_EQUAL PACKAGE_VERSION)
      set(PACKAGE_VERSION_EXACT TRUE)
    endif()
  else()
    set(PACKAGE_VERSION_COMPATIBLE FALSE)
  endif()
else()
  set(PACKAGE_VERSION_COMPATIBLE TRUE)
endif()
# The library is for one platform and 64-bit programs: say so rather than fail at link time.
if($platform_check OR NOT CMAKE_SIZEOF_VOID_P EQUAL 8)
  set(PACKAGE_VERSION "\${PACKAGE_VERSION} (for 64-bit $platform_text)")
  set(PACKAGE_VERSION_UNSUITABLE TRUE)
endif()
CMAKE
