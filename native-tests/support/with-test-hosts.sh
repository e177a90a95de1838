#!/bin/sh
# Runs a command with support/test-hosts as /etc/hosts, in a private mount namespace, so the
# resolver tests can give names several addresses without touching the machine (needs root,
# as the tests run here). Used as the launcher of the resolver tests (CMakeLists.txt).
hosts="$(dirname "$0")/test-hosts"
exec unshare --mount sh -c 'mount --bind "$0" /etc/hosts && exec "$@"' "$hosts" "$@"
