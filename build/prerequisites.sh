#!/usr/bin/env bash
# Installs the Debian packages a step needs, when they are missing; idempotent, and fast when
# nothing is missing (one dpkg query). build/build.sh and build/test.sh each call it first, so each
# works on a fresh machine by itself:
#   build/prerequisites.sh build   the library and the sample: gcc (NativeAOT links with it, the
#                                  sample compiles with it) and binutils (objcopy strips the library)
#   build/prerequisites.sh windows the win-x64 DLL cross-linked on Linux: lld-link and llvm-dlltool
#                                  (lld-14), clang-14 for the CRT shim, mingw-w64's import libraries
#   build/prerequisites.sh test    the build's and the Windows build's, plus the tests': g++, CMake
#                                  and GoogleTest for the native tests, clang-14 and the mingw-w64
#                                  Windows headers for the header checks, nm for the export check,
#                                  OpenSSL (its command line makes the test certificates, libssl-dev
#                                  builds the TLS peers and the benchmark), mingw-w64's POSIX-threads
#                                  compilers and GoogleTest's sources for the Windows test programs,
#                                  and Wine to run them; Free Pascal (fp-compiler) for the Pascal tests;
#                                  pkg-config (Debian's pkgconf) for the pkg-config consumer test
set -euo pipefail
build_packages=(gcc binutils)
windows_packages=(lld-14 llvm-14 clang-14 mingw-w64-x86-64-dev)
test_packages=(g++ make cmake clang-14 libgtest-dev mingw-w64-x86-64-dev mingw-w64-i686-dev openssl libssl-dev
               gcc-mingw-w64-x86-64-posix g++-mingw-w64-x86-64-posix googletest wine wine64 fp-compiler
               pkgconf)
case "${1:-}" in
  build) packages=("${build_packages[@]}") ;;
  windows) packages=("${windows_packages[@]}") ;;
  test) packages=("${build_packages[@]}" "${windows_packages[@]}" "${test_packages[@]}") ;;
  *) echo "usage: $0 build|windows|test" >&2; exit 2 ;;
esac

# One query for all of them; a package dpkg has never heard of is simply not listed as installed.
installed=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${packages[@]}" 2>/dev/null || true)
missing=()
for package in "${packages[@]}"; do
  grep -qx "$package installed" <<<"$installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "prerequisites.sh: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
command -v dotnet >/dev/null || { echo "prerequisites.sh: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
