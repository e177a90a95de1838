#!/usr/bin/env bash
# run-echo-server-sample.sh SAMPLE [LAUNCHER...] - runs samples/echo-server.c's program (under the
# launcher, Wine for the Windows build) with a free port and COUNT 2, connects two clients (bash's
# /dev/tcp), has each send lines and read them back, closes them, and checks that the program printed
# "listening on" and "stopped" and exited 0 within a few seconds. CTest: sample.echo-server.
set -u
sample=$1
shift
out=$(mktemp)
trap 'rm -f "$out"; [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null' EXIT
fail() { echo "FAIL: $*"; echo "--- the sample's output:"; cat "$out"; exit 1; }

# A port below Linux's ephemeral range (32768 up), so no connection of this machine holds it; one a
# program listens on makes the sample fail to start ("failed"), and the next try takes another.
free_port() { echo $((20000 + RANDOM % 10000)); }

for attempt in 1 2 3 4 5; do
  port=$(free_port)
  : >"$out"
  "$@" "$sample" "$port" 2 >"$out" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do # up to 60 s: Wine's first start makes its prefix
    grep -q "listening on" "$out" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  grep -q "listening on 127.0.0.1:$port" "$out" && break
  wait "$pid" 2>/dev/null
  pid=
  grep -q "failed" "$out" || fail "the sample did not start"
done
[ -n "${pid:-}" ] || fail "no free port after 5 tries"

# Two clients at once, each sending two lines in one write and reading both back.
exec 3<>"/dev/tcp/127.0.0.1/$port" || fail "client 1 cannot connect"
exec 4<>"/dev/tcp/127.0.0.1/$port" || fail "client 2 cannot connect"
printf 'one\r\ntwo\r\n' >&3
printf 'three\r\nfour\r\n' >&4
for expected in one two; do
  IFS= read -r -t 5 -u 3 line || fail "client 1 got no line"
  [ "${line%$'\r'}" = "$expected" ] || fail "client 1 got '$line', not '$expected'"
done
for expected in three four; do
  IFS= read -r -t 5 -u 4 line || fail "client 2 got no line"
  [ "${line%$'\r'}" = "$expected" ] || fail "client 2 got '$line', not '$expected'"
done
exec 3>&- 4>&-

for _ in $(seq 1 100); do # 10 s
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
kill -0 "$pid" 2>/dev/null && fail "still running 10 s after both clients closed"
wait "$pid"
status=$?
pid=
[ "$status" -eq 0 ] || fail "exit status $status"
grep -q "stopped" "$out" || fail "no \"stopped\""
echo "the sample served two clients and stopped:"
cat "$out"
