#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors
# Memory of one member after a single PUT of a very deep key (issue 12, item 3).
#
# For each depth in DEEP_KEY_DEPTHS: starts a fresh one-member qetcd on free 127.0.0.1 ports,
# reads VmRSS/VmHWM from /proc/<pid>/status, PUTs /deep/a/a/... (that many levels, "a" per level
# below /deep), reads them again, GETs /deep?recursive=true (bytes of the answer), reads them
# again, then restarts the member on the same data dir (WAL replay) and reads them once more.
# Prints one line per step. Builds nothing.
#
# Environment:
#   QETCD_BIN        qetcd binary (default build/bin/qetcd)
#   DEEP_KEY_DEPTHS  depths to try (default "5000 256")
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
QETCD_BIN=${QETCD_BIN:-$ROOT/build/bin/qetcd}
DEPTHS=${DEEP_KEY_DEPTHS:-5000 256}
WORK=$(mktemp -d /tmp/qetcd-deep-key.XXXXXX)
PID=""

cleanup() {
    if [[ -n "$PID" ]]; then
        kill "$PID" 2>/dev/null || true
        wait "$PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

mem() { # <label>: VmRSS and VmHWM of the member, in MB
    local rss hwm
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$PID/status")
    hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$PID/status")
    printf '  %-34s VmRSS %6.1f MB  VmHWM %6.1f MB\n' "$1" "$(bc <<<"scale=1; $rss/1024")" \
        "$(bc <<<"scale=1; $hwm/1024")"
}

start() { # <data dir> <client port> <peer port>
    local url="http://127.0.0.1:$2" peer="http://127.0.0.1:$3"
    "$QETCD_BIN" --name deep --data-dir "$1" --listen-client-urls "$url" \
        --advertise-client-urls "$url" --listen-peer-urls "$peer" \
        --initial-advertise-peer-urls "$peer" --initial-cluster "deep=$peer" \
        --initial-cluster-state new --initial-cluster-token deep >>"$WORK/qetcd.log" 2>&1 &
    PID=$!
    local deadline=$((SECONDS + 60))
    until curl -sf --max-time 2 "$url/v2/keys/?quorum=true" -o /dev/null; do
        kill -0 "$PID" 2>/dev/null || { tail -n 20 "$WORK/qetcd.log"; echo "qetcd exited"; exit 1; }
        ((SECONDS < deadline)) || { echo "qetcd not ready after 60 s"; exit 1; }
        sleep 0.2
    done
}

stop() {
    kill "$PID"
    wait "$PID" 2>/dev/null || true
    PID=""
}

echo "qetcd: $QETCD_BIN ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'))"
for depth in $DEPTHS; do
    data="$WORK/data-$depth"
    cport=$(free_port)
    pport=$(free_port)
    base="http://127.0.0.1:$cport"
    key=/deep$(printf '/a%.0s' $(seq 2 "$depth"))
    echo "depth $depth (key of ${#key} bytes):"
    start "$data" "$cport" "$pport"
    mem "fresh member"
    index_before=$(curl -s -o /dev/null -D - "$base/v2/keys/" | tr -d '\r' |
        awk -F': ' 'tolower($1)=="x-etcd-index" {print $2}')
    status=$(curl -s -o "$WORK/put.json" -w '%{http_code}' -X PUT "$base/v2/keys$key" -d value=v)
    index_after=$(curl -s -o /dev/null -D - "$base/v2/keys/" | tr -d '\r' |
        awk -F': ' 'tolower($1)=="x-etcd-index" {print $2}')
    echo "  PUT: HTTP $status, X-Etcd-Index $index_before -> $index_after," \
        "answer $(head -c 120 "$WORK/put.json")"
    mem "after the PUT"
    bytes=$(curl -s -o /dev/null -w '%{size_download}' "$base/v2/keys/deep?recursive=true")
    echo "  GET /deep?recursive=true: $bytes bytes"
    mem "after the recursive GET"
    stop
    start "$data" "$cport" "$pport"
    mem "restarted (WAL replay)"
    stop
done
