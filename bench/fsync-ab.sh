#!/bin/bash
# Compares the WAL's fdatasync time of two qetcd binaries (a change and its baseline), which
# end-to-end request rates on a shared host are too noisy to show: each binary in turn runs as
# one member on loopback under wrk PUT (bench/put.lua, 256-byte values) at 1 and 64
# connections, and the member's own etcd_disk_wal_fsync_duration_seconds histogram, read from
# /metrics before and after, gives the number and mean time of its fdatasyncs.
#
#   bench/fsync-ab.sh BASELINE_BIN CHANGED_BIN [ROUNDS]      (default 3 rounds, 8 s per run)
#   FSYNC_AB_DURATION=20s bench/fsync-ab.sh ...
# Ports 24999/25999 on 127.0.0.1; data in a temporary directory removed at the end.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ $# -ge 2 ] || { echo "usage: $0 BASELINE_BIN CHANGED_BIN [ROUNDS]" >&2; exit 2; }
BINS=("$1" "$2")
ROUNDS=${3:-3}
DURATION=${FSYNC_AB_DURATION:-8s}
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 2; }
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT

fsync_metrics() { # prints "count sum"
    curl -s http://127.0.0.1:24999/metrics |
        awk '/^etcd_disk_wal_fsync_duration_seconds_count/ {c=$2}
             /^etcd_disk_wal_fsync_duration_seconds_sum/ {s=$2} END {print c, s}'
}

run() { # binary connections label
    rm -rf "$DATA/member"
    "$1" --name default --data-dir "$DATA/member" \
        --listen-client-urls http://127.0.0.1:24999 --advertise-client-urls http://127.0.0.1:24999 \
        --listen-peer-urls http://127.0.0.1:25999 --initial-advertise-peer-urls http://127.0.0.1:25999 \
        --initial-cluster default=http://127.0.0.1:25999 >"$DATA/log" 2>&1 &
    local pid=$!
    for _ in $(seq 100); do curl -sf http://127.0.0.1:24999/health >/dev/null && break; sleep 0.1; done
    local before after rate
    before=$(fsync_metrics)
    rate=$(BENCH_LUA_DIR="$BENCH_DIR" wrk -t1 -c"$2" -d"$DURATION" -s "$BENCH_DIR/put.lua" \
        http://127.0.0.1:24999 | awk '/Requests\/sec/ {print $2}')
    after=$(fsync_metrics)
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    echo "$before $after" | awk -v l="$3" -v c="$2" -v r="$rate" \
        '{n = $3 - $1; printf "%-9s c%-3s fdatasyncs %7d  mean %.3f ms  PUT req/s %s\n", l, c, n, ($4 - $2) / n * 1000, r}'
}

echo "baseline: ${BINS[0]}"
echo "changed:  ${BINS[1]}"
for round in $(seq "$ROUNDS"); do
    for conns in 1 64; do
        run "${BINS[0]}" "$conns" baseline
        run "${BINS[1]}" "$conns" changed
    done
done
