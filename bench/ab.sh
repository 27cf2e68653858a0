#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors
# A/B of two qetcd binaries on the same requests: what a change costs per request (issue 16: the
# request counters and histograms of /metrics). Rounds alternate A and B so that slow drift in
# background load touches both; each round is a fresh one-member server on a free 127.0.0.1 port
# with BENCH_PRELOAD keys of 256 bytes, then wrk per scenario. Prints req/s and p99 per round
# and the median of the rounds.
#
#   bench/ab.sh OLD_QETCD NEW_QETCD
#   ROUNDS=5 DURATION=10s SCENARIOS="get:1 get:64 put:64" bench/ab.sh /tmp/old/qetcd build/bin/qetcd
set -euo pipefail
cd "$(dirname "$0")/.."
A=$(readlink -f "$1")
B=$(readlink -f "$2")
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
SCENARIOS=${SCENARIOS:-"get:1 get:64 put:64"}
export BENCH_PRELOAD=${BENCH_PRELOAD:-1000}
export BENCH_LUA_DIR=$PWD/bench
WORK=$(mktemp -d /tmp/qetcd-ab.XXXXXX)
trap 'kill -9 $(jobs -p) 2>/dev/null || true' EXIT
VALUE=$(printf 'v%.0s' $(seq 1 256))

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

run_round() { # label binary round
    local label=$1 bin=$2 round=$3 port peer dir pid
    port=$(free_port)
    peer=$(free_port)
    dir="$WORK/$label-$round"
    "$bin" --data-dir "$dir" --listen-client-urls "http://127.0.0.1:$port" \
        --advertise-client-urls "http://127.0.0.1:$port" --listen-peer-urls "http://127.0.0.1:$peer" \
        --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
        --initial-cluster "default=http://127.0.0.1:$peer" >"$dir.log" 2>&1 &
    pid=$!
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/v2/keys/" >/dev/null && break; sleep 0.1; done
    for i in $(seq 0 $((BENCH_PRELOAD - 1))); do
        echo "url = \"http://127.0.0.1:$port/v2/keys/bench/k$i\""
        echo "request = \"PUT\""
        echo "data = \"value=$VALUE\""
        echo "output = /dev/null"
    done >"$dir.load"
    curl -s --no-progress-meter --parallel --parallel-max 32 -K "$dir.load" 2>/dev/null
    for s in $SCENARIOS; do
        local method=${s%%:*} conns=${s##*:} threads=1
        [ "$conns" -gt 1 ] && threads=2
        wrk -t"$threads" -c"$conns" -d"$DURATION" --latency -s "bench/$method.lua" \
            "http://127.0.0.1:$port" >"$WORK/$label-$round-$s.txt" 2>&1
        local rps p99
        rps=$(awk '/^Requests\/sec/ {print int($2)}' "$WORK/$label-$round-$s.txt")
        p99=$(awk '$1 == "99%" {print $2}' "$WORK/$label-$round-$s.txt")
        echo "$label $s $round $rps $p99" | tee -a "$WORK/results.txt"
    done
    kill "$pid"
    wait "$pid" 2>/dev/null || true
}

echo "A=$A"
echo "B=$B"
echo "label scenario round req/s p99"
for r in $(seq 1 "$ROUNDS"); do
    if ((r % 2)); then
        run_round A "$A" "$r"
        run_round B "$B" "$r"
    else
        run_round B "$B" "$r"
        run_round A "$A" "$r"
    fi
done
echo "== median req/s over $ROUNDS rounds (B/A)"
for s in $SCENARIOS; do
    med() { awk -v l="$1" -v s="$s" '$1 == l && $2 == s {print $4}' "$WORK/results.txt" | sort -n |
        awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
    a=$(med A)
    b=$(med B)
    echo "$s: A $a  B $b  ratio $(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.3f", b / a}')"
done
echo "(raw in $WORK)"
