#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, when they are missing:
# compilers and CMake/GoogleTest for the native tests, clang-14 for the header checks, binutils
# (nm) for the export check, the mingw-w64 Windows headers for the header matrix, and OpenSSL
# (its command line makes the test certificates; libssl-dev builds the TLS test peers).
set -euo pipefail
packages=(gcc g++ make cmake binutils clang-14 libgtest-dev mingw-w64-x86-64-dev mingw-w64-i686-dev openssl libssl-dev)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
command -v dotnet >/dev/null || { echo "the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
