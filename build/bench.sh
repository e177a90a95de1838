#!/usr/bin/env bash
# Builds and runs the cswsock11 benchmark (bench/): cswsock11 against plain POSIX sockets and
# OpenSSL's libssl, on loopback only. Needs the library already built (build/build.sh) in
# artifacts/<rid>/, gcc and libssl-dev.
#
#   build/bench.sh            full run (a few minutes): table, RATIO lines, artifacts/bench.json
#   build/bench.sh --quick    tiny sizes, one repetition (seconds): keeps the benchmark compiling
#                             and checks every case still moves the right data
#   build/bench.sh [--quick] [--reps N] [--only bulk,pingpong,...]   (passed to the program)
#
# Exits non-zero if the build fails or any case failed or moved wrong data. Timings are never
# asserted. The binaries go to artifacts/bench/, the throwaway TLS certificate to a temporary
# directory removed on exit.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rid=$("$root/build/host-rid.sh")
lib="$root/artifacts/$rid"
out="$root/artifacts/bench"

# The library may be being republished right now: wait a little for it to be back.
for _ in $(seq 1 60); do
  [ -f "$lib/cswsock11.so" ] && [ -e "$lib/libcswsock11.so" ] && [ -f "$lib/cswsock11.h" ] && break
  sleep 1
done
if ! [ -f "$lib/cswsock11.so" ] || ! [ -f "$lib/cswsock11.h" ]; then
  echo "bench.sh: no cswsock11 in $lib; run build/build.sh first" >&2
  exit 1
fi

mkdir -p "$out"
cflags=(-std=gnu11 -O2 -Wall -Wextra -Werror -pthread)
# Every bench/*.c is part of the benchmark but cold.c, a program of its own (below).
sources=()
for f in "$root"/bench/*.c; do
  [ "$(basename "$f")" = cold.c ] || sources+=("$f")
done
gcc "${cflags[@]}" -I"$lib" "${sources[@]}" \
    -L"$lib" -lcswsock11 -Wl,-rpath,"\$ORIGIN/../$rid" -lssl -lcrypto -lm -o "$out/bench"
# The cold-start child links neither cswsock11 nor libssl (see bench/cold.c).
gcc "${cflags[@]}" "$root/bench/cold.c" -ldl -o "$out/bench-cold"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cswsock11-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# A throwaway ECDSA P-256 certificate for the TLS servers; clients use TRUSTEDSITE / SSL_VERIFY_NONE,
# but tls_handshake_validated's, which trust it: .NET (cswsock11) through SSL_CERT_FILE, read before
# the process's first TLS call, the raw client through SSL_CTX_load_verify_locations on the same file.
# cswsock11's secure server (InetServerStart) takes the certificate and its key in one PEM file.
OPENSSL_CONF=/dev/null openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -days 2 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost,IP:127.0.0.1 >/dev/null 2>&1 ||
  { echo "bench.sh: openssl could not make the test certificate" >&2; exit 1; }
cat "$tmp/cert.pem" "$tmp/key.pem" >"$tmp/server.pem"
export SSL_CERT_FILE="$tmp/cert.pem"

"$out/bench" --cert "$tmp/cert.pem" --key "$tmp/key.pem" --pem "$tmp/server.pem" \
    --json "$root/artifacts/bench.json" "$@"
