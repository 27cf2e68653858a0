#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors
# Figure for `qetcd import-etcd` (issue 18 part 2): an etcd 3.4 member (--enable-v2, fsync on,
# --snapshot-count IMPORT_SNAPSHOT_COUNT, default 10000, so the data dir holds snapshots and a
# WAL tail) is loaded with IMPORT_KEYS keys (default 100000, 100-byte values, in 100
# directories, every 10th with a one-day TTL) through curl --parallel, stopped, and imported
# IMPORT_ROUNDS times (default 3) into a fresh qetcd data dir: the best round's keys per second
# is the figure. Then a qetcd member is started on the import and its X-Etcd-Index and key
# count are checked against etcd's.
# Environment: QETCD_BIN (default build/bin/qetcd), ETCD_BIN (default etcd on PATH),
# IMPORT_KEYS, IMPORT_ROUNDS, IMPORT_SNAPSHOT_COUNT, IMPORT_OUT (raw output; default a
# temporary directory that is kept). Loopback only; every server started is stopped on exit.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
QETCD_BIN=${QETCD_BIN:-$ROOT/build/bin/qetcd}
ETCD_BIN=${ETCD_BIN:-$(command -v etcd || true)}
KEYS=${IMPORT_KEYS:-100000}
ROUNDS=${IMPORT_ROUNDS:-3}
SNAPSHOT_COUNT=${IMPORT_SNAPSHOT_COUNT:-10000}
OUT=${IMPORT_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/qetcd-import-bench.XXXXXX")}
mkdir -p "$OUT"

LOG_TAG=import-bench
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

for tool in curl awk; do command -v "$tool" >/dev/null || die "$tool is needed"; done
[ -x "$QETCD_BIN" ] || die "no qetcd at $QETCD_BIN (build the qetcd target)"
[ -n "$ETCD_BIN" ] && [ -x "$ETCD_BIN" ] || die "no etcd (Debian: apt-get install etcd-server)"

wait_ready() {
    local deadline=$(( SECONDS + 30 ))
    while (( SECONDS < deadline )); do
        curl -sf --max-time 2 "$1/v2/keys/" -o /dev/null && return 0
        sleep 0.2
    done
    die "server at $1 not ready"
}
key_count() { curl -sf "$1/v2/keys/imp?recursive=true" | grep -o '"key":"/imp/d[0-9]*/k[0-9]*"' | wc -l; }

C=$(pick_port); P=$(pick_port)
URL="http://127.0.0.1:$C"
"$ETCD_BIN" --name default --enable-v2=true --data-dir "$OUT/etcd.data" --snapshot-count "$SNAPSHOT_COUNT" \
    --listen-client-urls "$URL" --advertise-client-urls "$URL" \
    --listen-peer-urls "http://127.0.0.1:$P" --initial-advertise-peer-urls "http://127.0.0.1:$P" \
    --initial-cluster "default=http://127.0.0.1:$P" >"$OUT/etcd.log" 2>&1 &
ETCD_PID=$!
PIDS+=("$ETCD_PID")
wait_ready "$URL"

VALUE=$(printf 'v%.0s' $(seq 1 100))
for i in $(seq 0 $(( KEYS - 1 ))); do
    if (( i % 10 == 0 )); then
        printf 'url = "%s/v2/keys/imp/d%d/k%d?ttl=86400"\n' "$URL" $(( i % 100 )) "$i"
    else
        printf 'url = "%s/v2/keys/imp/d%d/k%d"\n' "$URL" $(( i % 100 )) "$i"
    fi
done >"$OUT/load.cfg"
t=$(now)
curl -sS --parallel --parallel-max 32 -K "$OUT/load.cfg" -X PUT --data "value=$VALUE" \
    -w '%{http_code}\n' >"$OUT/load.codes" 2>&1 || true
took=$(awk -v a="$t" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
SRC_INDEX=$(etcd_index "$URL/v2/keys/")
SRC_KEYS=$(key_count "$URL")
log "loaded $SRC_KEYS/$KEYS keys into etcd in $took s"
kill "$ETCD_PID"; wait "$ETCD_PID" 2>/dev/null || true
log "etcd stopped: X-Etcd-Index $SRC_INDEX, $SRC_KEYS keys; data dir $(du -sh "$OUT/etcd.data" | cut -f1)" \
    "($(ls "$OUT/etcd.data/member/snap" | grep -c '\.snap$') snapshot files)"

best=""
for r in $(seq 1 "$ROUNDS"); do
    rm -rf "$OUT/qetcd.data" "$OUT/qetcd.data.tmp"
    t=$(now)
    "$QETCD_BIN" import-etcd --etcd-data-dir "$OUT/etcd.data" --data-dir "$OUT/qetcd.data" >"$OUT/import.$r.log" 2>&1 \
        || { cat "$OUT/import.$r.log"; die "import failed"; }
    s=$(awk -v a="$t" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }')
    log "round $r: $s s"
    if [ -z "$best" ] || awk -v a="$s" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$s; fi
done
cat "$OUT/import.$ROUNDS.log"

C=$(pick_port); P=$(pick_port)
URL="http://127.0.0.1:$C"
"$QETCD_BIN" --data-dir "$OUT/qetcd.data" --listen-client-urls "$URL" --advertise-client-urls "$URL" \
    --listen-peer-urls "http://127.0.0.1:$P" --initial-advertise-peer-urls "http://127.0.0.1:$P" >"$OUT/qetcd.log" 2>&1 &
PIDS+=($!)
wait_ready "$URL"
DST_INDEX=$(etcd_index "$URL/v2/keys/")
DST_KEYS=$(key_count "$URL")
check="X-Etcd-Index etcd $SRC_INDEX / qetcd $DST_INDEX, keys etcd $SRC_KEYS / qetcd $DST_KEYS"
[ "$SRC_INDEX" = "$DST_INDEX" ] && [ "$SRC_KEYS" = "$DST_KEYS" ] || die "mismatch: $check"
log "served by qetcd: $check"
log "RESULT import-etcd: $SRC_KEYS keys in $best s (best of $ROUNDS) = $(awk -v k="$SRC_KEYS" -v s="$best" 'BEGIN { printf "%.0f", k / s }') keys/s; raw output in $OUT"
