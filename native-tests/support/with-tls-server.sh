#!/bin/sh
# with-tls-server.sh CERTS COMMAND... - runs COMMAND with a Linux `openssl s_server` listening on
# 127.0.0.1 (TLS 1.2 only, serving CERTS/localhost.pem; -rev: it answers each line with the line
# reversed), its port in CSWSOCK11_TLS_SERVER_PORT, and stops the server afterwards. The launcher
# of tls12_tests (CMakeLists.txt), on Linux and, in front of wine-run.sh, for Windows.
certs="$1"
shift
log=$(mktemp)
trap 'rm -f "$log"' EXIT
OPENSSL_CONF=/dev/null openssl s_server -accept 127.0.0.1:0 -cert "$certs/localhost.pem" \
    -key "$certs/localhost.key" -tls1_2 -rev </dev/null >"$log" 2>&1 &
server=$!
# The server prints "ACCEPT 127.0.0.1:<port>" once it listens.
for _ in $(seq 50); do
    port=$(sed -n 's/^ACCEPT 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$log")
    [ -n "$port" ] && break
    sleep 0.1
done
if [ -z "$port" ]; then
    echo "with-tls-server.sh: openssl s_server did not start:" >&2
    cat "$log" >&2
    kill "$server" 2>/dev/null
    exit 1
fi
CSWSOCK11_TLS_SERVER_PORT=$port "$@"
status=$?
kill "$server"
wait "$server" 2>/dev/null
exit $status
