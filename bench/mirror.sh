#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors
# Figures for `qetcdctl mirror` (issue 18): qetcd -> qetcd on loopback, one member each, fsync on.
#   copy   MIRROR_KEYS keys (default 100000, 100-byte values, in 100 directories) loaded into the
#          source with curl --parallel, then `mirror --once` timed: keys per second; then
#          `mirror --verify-only` timed (and its result: 0 differences expected).
#   lag    a live mirror while curl --rate writes MIRROR_RATE keys per second (default 1000) at the
#          source for MIRROR_SECONDS (default 30): once a second a probe key is written at the source
#          and the time until the destination shows it is measured (median and max of the probes
#          after the first 5 s); the mirror's own progress lines give the lag in indexes.
#          Then the writer stops, the mirror catches up, and --verify-only must find 0 differences.
# Environment: QETCD_BIN, QETCDCTL_BIN (default build/bin/...), MIRROR_KEYS, MIRROR_RATE,
# MIRROR_SECONDS, MIRROR_OUT (raw output; default a temporary directory that is kept).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
QETCD_BIN=${QETCD_BIN:-$ROOT/build/bin/qetcd}
QETCDCTL_BIN=${QETCDCTL_BIN:-$ROOT/build/bin/qetcdctl}
KEYS=${MIRROR_KEYS:-100000}
RATE=${MIRROR_RATE:-1000}
SECS=${MIRROR_SECONDS:-30}
OUT=${MIRROR_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/qetcd-mirror-bench.XXXXXX")}
mkdir -p "$OUT"

LOG_TAG=mirror-bench
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

for tool in curl awk; do command -v "$tool" >/dev/null || die "$tool is needed"; done
[ -x "$QETCD_BIN" ] || die "no qetcd at $QETCD_BIN (build the qetcd target)"
[ -x "$QETCDCTL_BIN" ] || die "no qetcdctl at $QETCDCTL_BIN (build the qetcdctl target)"

start_member() { # <name> -> sets MEMBER_URL (not in a $(...) subshell: PIDS must get the pid)
    local name=$1 c p
    c=$(pick_port); p=$(pick_port)
    "$QETCD_BIN" --name "$name" --data-dir "$OUT/$name.data" \
        --listen-client-urls "http://127.0.0.1:$c" --advertise-client-urls "http://127.0.0.1:$c" \
        --listen-peer-urls "http://127.0.0.1:$p" --initial-advertise-peer-urls "http://127.0.0.1:$p" \
        --initial-cluster "$name=http://127.0.0.1:$p" >"$OUT/$name.log" 2>&1 &
    PIDS+=($!)
    MEMBER_URL="http://127.0.0.1:$c"
}

wait_ready() {
    local deadline=$(( SECONDS + 30 ))
    while (( SECONDS < deadline )); do
        curl -sf --max-time 2 -X PUT "$1/v2/keys/_ready" -d value=1 -o /dev/null && return 0
        sleep 0.2
    done
    die "member at $1 not ready"
}

elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

start_member src
SRC=$MEMBER_URL
start_member dst
DST=$MEMBER_URL
wait_ready "$SRC"
wait_ready "$DST"
log "source $SRC, destination $DST, raw output in $OUT"

# --- copy ------------------------------------------------------------------------------------
VALUE=$(head -c 100 /dev/zero | tr '\0' 'v')
awk -v n="$KEYS" -v base="$SRC/v2/keys/m/copy" \
    'BEGIN { for (i = 0; i < n; i++) printf "url = \"%s/d%d/k%d\"\noutput = \"/dev/null\"\n", base, i % 100, i }' \
    >"$OUT/load.cfg"
t=$(now)
curl -sS --parallel --parallel-max 32 -K "$OUT/load.cfg" -X PUT --data "value=$VALUE" \
    -w '%{http_code}\n' >"$OUT/load.codes" 2>&1 || true
loaded=$(grep -c '^20[01]$' "$OUT/load.codes" || true)
log "loaded $loaded/$KEYS keys into the source in $(elapsed "$t") s"

t=$(now)
"$QETCDCTL_BIN" mirror --source "$SRC" --dest "$DST" --prefix /m/copy --once \
    --progress-interval 5s 2>"$OUT/copy.err" || die "mirror --once failed: $(tail -3 "$OUT/copy.err")"
copy_s=$(elapsed "$t")
# The mirror's own count: a PUT curl gave up on may still have been written.
copied=$(grep -o 'copy written: [0-9]* keys' "$OUT/copy.err" | grep -o '[0-9]*' | tail -1)
loaded=${copied:-$loaded}
copy_rate=$(awk -v n="$loaded" -v s="$copy_s" 'BEGIN { printf "%.0f", n / s }')
log "mirror --once: $loaded keys (+100 directories) in $copy_s s = $copy_rate keys/s"

t=$(now)
"$QETCDCTL_BIN" mirror --source "$SRC" --dest "$DST" --prefix /m/copy --verify-only \
    >"$OUT/verify-copy.out" 2>"$OUT/verify-copy.err" && vres=0 || vres=$?
log "mirror --verify-only after the copy: exit $vres, $(tail -1 "$OUT/verify-copy.err" | sed 's/^mirror: //') in $(elapsed "$t") s"

# --- steady-state lag ------------------------------------------------------------------------
"$QETCDCTL_BIN" mirror --source "$SRC" --dest "$DST" --prefix /m/live --progress-interval 1s \
    2>"$OUT/live.err" &
MIRROR_PID=$!
PIDS+=($MIRROR_PID)
deadline=$(( SECONDS + 20 ))
until grep -q "copy written" "$OUT/live.err" 2>/dev/null; do
    (( SECONDS < deadline )) || die "live mirror did not start: $(tail -3 "$OUT/live.err")"
    sleep 0.1
done

total=$(( RATE * SECS ))
# The writer: one curl --parallel batch of RATE PUTs started every second (curl's own --rate
# lets --parallel run ahead), so the source sees RATE writes per second on average.
for (( s = 0; s < SECS; s++ )); do
    awk -v n="$RATE" -v s="$s" -v base="$SRC/v2/keys/m/live" \
        'BEGIN { for (i = 0; i < n; i++) printf "url = \"%s/w%d/k%d\"\noutput = \"/dev/null\"\n", base, i % 10, (s * n + i) % 1000 }' \
        >"$OUT/write-$s.cfg"
done
write_batches() {
    local s next=$(now)
    for (( s = 0; s < SECS; s++ )); do
        curl -sS --parallel --parallel-max 32 -K "$OUT/write-$s.cfg" -X PUT --data "value=$VALUE" \
            -w '%{http_code}\n' >>"$OUT/write.codes" 2>&1 &
        next=$(awk -v t="$next" 'BEGIN { printf "%.3f", t + 1 }')
        sleep "$(awk -v t="$next" -v n="$(now)" 'BEGIN { d = t - n; printf "%.3f", (d > 0 ? d : 0) }')"
    done
    wait
}
: >"$OUT/write.codes"
wt=$(now)
write_batches &
WRITER=$!
PIDS+=($WRITER)

: >"$OUT/probe.ms"
i=0
while kill -0 "$WRITER" 2>/dev/null; do
    i=$(( i + 1 ))
    start=$(now)
    curl -sf -o /dev/null -X PUT "$SRC/v2/keys/m/live/probe" --data "value=p$i" || continue
    until curl -sf "$DST/v2/keys/m/live/probe" | grep -q "\"value\":\"p$i\""; do
        kill -0 "$MIRROR_PID" 2>/dev/null || die "mirror exited: $(tail -3 "$OUT/live.err")"
        [ "$(elapsed "$start" | cut -d. -f1)" -lt 60 ] || die "probe $i not mirrored within 60 s"
    done
    awk -v a="$start" -v b="$(now)" -v i="$i" 'BEGIN { printf "%d %.0f\n", i, (b - a) * 1000 }' >>"$OUT/probe.ms"
    sleep 1
done
wait "$WRITER" || true
write_s=$(elapsed "$wt")
written=$(grep -c '^20[01]$' "$OUT/write.codes" || true)
achieved=$(awk -v n="$written" -v s="$write_s" 'BEGIN { printf "%.0f", n / s }')
log "writer: $written/$total PUTs in $write_s s = $achieved writes/s at the source"

# Probes after the first 5 s (the writer's ramp-up) make the steady state.
read -r p50 pmax n <<<"$(awk '$1 > 5 { print $2 }' "$OUT/probe.ms" | sort -n |
    awk '{ v[NR] = $1 } END { if (NR) printf "%d %d %d", v[int((NR + 1) / 2)], v[NR], NR; else print "- - 0" }')"
log "write-to-visible lag at the destination: median $p50 ms, max $pmax ms over $n probes"
read -r lmed lmax <<<"$(grep -o 'lag [0-9]* indexes' "$OUT/live.err" | awk '{ print $2 }' | sed -n '6,$p' | sort -n |
    awk '{ v[NR] = $1 } END { if (NR) printf "%d %d", v[int((NR + 1) / 2)], v[NR]; else print "- -" }')"
log "mirror progress lines: lag median $lmed indexes, max $lmax indexes"

t=$(now)
"$QETCDCTL_BIN" mirror --source "$SRC" --dest "$DST" --prefix /m/live --verify-only \
    >"$OUT/verify-live.out" 2>"$OUT/verify-live.err" && vres=0 || vres=$?
kill -TERM "$MIRROR_PID"
wait "$MIRROR_PID" || true
log "mirror --verify-only after the writer: exit $vres, $(tail -1 "$OUT/verify-live.err" | sed 's/^mirror: //')"
grep -c 'restarts' "$OUT/live.err" >/dev/null && log "restarts (401): $(grep -o '[0-9]* restarts' "$OUT/live.err" | tail -1)"

echo
echo "| figure | value |"
echo "|---|---|"
echo "| copy: $loaded keys, qetcd -> qetcd (mirror --once) | $copy_s s, $copy_rate keys/s |"
echo "| steady state: writes/s at the source | $achieved |"
echo "| steady state: write-to-visible lag, median / max | $p50 ms / $pmax ms |"
echo "| steady state: lag in indexes (progress lines), median / max | $lmed / $lmax |"
