#!/bin/sh
# Runs a command with support/test-hosts as /etc/hosts and support/test-resolv.conf as
# /etc/resolv.conf, in a private mount namespace, so the resolver tests can give names several
# addresses, and run their own name server, without touching the machine (needs root, as the tests
# run here). Used as the launcher of the resolver tests (CMakeLists.txt).
support="$(dirname "$0")"
exec unshare --mount sh -c 'mount --bind "$0/test-hosts" /etc/hosts && mount --bind "$0/test-resolv.conf" /etc/resolv.conf && exec "$@"' "$support" "$@"
