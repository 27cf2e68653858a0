#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors
# python-etcd's own integration suite (test_simple.py and test_ssl.py, as Debian's python3-etcd
# ships them) against qetcd and against etcd 3.4 (--enable-v2=true), side by side (issue 16).
# The suite starts its servers itself as `etcd` from $PATH on fixed ports (127.0.0.1:4001..,
# 7001..), so each run gets a network namespace of its own with only a loopback interface: it
# cannot collide with anything else on the machine and sends nothing anywhere else. Needs root,
# python3-etcd, python3-openssl and python3-nose (Debian), and /usr/bin/etcd for the reference run.
#
#   bench/python-etcd-suite.sh                 # both servers
#   SERVERS=qetcd bench/python-etcd-suite.sh   # only qetcd
#   QETCD_BIN=build/bin/qetcd OUT=/tmp/pyetcd bench/python-etcd-suite.sh
set -euo pipefail
cd "$(dirname "$0")/.."
QETCD_BIN=$(readlink -f "${QETCD_BIN:-build/bin/qetcd}")
SERVERS=${SERVERS:-"qetcd etcd"}
OUT=${OUT:-$(mktemp -d /tmp/python-etcd-suite.XXXXXX)}
PY=/usr/bin/python3 # Debian's, where python3-etcd and python3-openssl live
SUITE=/usr/lib/python3/dist-packages/etcd/tests/integration
mkdir -p "$OUT"

run_one() { # server
    local server=$1 bin="$OUT/bin-$1"
    mkdir -p "$bin"
    if [ "$server" = qetcd ]; then
        ln -sf "$QETCD_BIN" "$bin/etcd"
    else
        printf '#!/bin/sh\nexec /usr/bin/etcd --enable-v2=true "$@"\n' >"$bin/etcd"
        chmod +x "$bin/etcd"
    fi
    # The suite's helpers write certificates and data dirs under the working directory / TMPDIR.
    local work="$OUT/work-$server"
    mkdir -p "$work"
    unshare --net bash -c "ip link set lo up && cd '$work' && TMPDIR='$work' PATH='$bin:$PATH' \
        timeout 900 $PY -m unittest -v etcd.tests.integration.test_simple \
        etcd.tests.integration.test_ssl" >"$OUT/$server.log" 2>&1 || true
    local summary
    summary=$(grep -E '^(Ran |OK|FAILED)' "$OUT/$server.log" | tr '\n' ' ')
    echo "$server: $summary"
}

echo "python-etcd $(dpkg-query -W -f='${Version}' python3-etcd 2>/dev/null), suite $SUITE"
for s in $SERVERS; do
    run_one "$s"
done
echo "logs: $OUT/<server>.log (per-test lines: grep -E ' \\.\\.\\. (ok|FAIL|ERROR)')"
