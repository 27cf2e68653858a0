#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors
# What a v2 proxy costs per request (issue 17): wrk GET and PUT at 1 and 64 connections against
# one member directly and through a proxy in front of it, for qetcd (qetcd --proxy on) and,
# where installed, etcd 3.4 (etcd --proxy on, its own v2 httpproxy), side by side.
#
# Per server: one member on a fresh data dir (fsync on), BENCH_PRELOAD keys of 256 bytes, a
# proxy started with --proxy on --initial-cluster naming the member; then for each scenario
# direct and proxied back to back. Member, proxy and wrk share the machine's cores: the proxied
# figures include the proxy's CPU taken from the same cores (as a local proxy on an application
# host would). Loopback only. Raw wrk output under bench/results/proxy-<timestamp>/.
#
# Environment:
#   BENCH_DURATION  wrk duration per run (default 10s)
#   BENCH_PRELOAD   keys the GETs pick from (default 1000)
#   BENCH_SERVERS   which servers, in order (default "qetcd etcd")
#   QETCD_BIN       qetcd binary (default build/bin/qetcd)
#   ETCD_BIN        etcd binary (default .tools/etcd, else etcd on PATH)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
LOG_TAG=proxy-bench
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

QETCD_BIN=${QETCD_BIN:-$ROOT/build/bin/qetcd}
if [ -z "${ETCD_BIN:-}" ]; then
    if [ -x "$ROOT/.tools/etcd" ]; then ETCD_BIN=$ROOT/.tools/etcd; else ETCD_BIN=$(command -v etcd || true); fi
fi
DURATION=${BENCH_DURATION:-10s}
PRELOAD=${BENCH_PRELOAD:-1000}
SERVERS=${BENCH_SERVERS:-qetcd etcd}
OUT=$ROOT/bench/results/proxy-$(date +%Y%m%d-%H%M%S)
WORK=$(mktemp -d)
mkdir -p "$OUT"
command -v wrk >/dev/null || die "wrk is needed (Debian package wrk)"
[ -x "$QETCD_BIN" ] || die "no $QETCD_BIN: build first (cmake --build build --target qetcd)"
VALUE=$(printf 'v%.0s' $(seq 1 256))

wait_http() { # <url>: until it answers
    for _ in $(seq 1 100); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done
    die "$1 does not answer"
}

# <server> <name>: starts one member, sets MEMBER_URL and PEER_URL
start_member() {
    local server=$1 cport pport
    cport=$(pick_port); pport=$(pick_port)
    MEMBER_URL=http://127.0.0.1:$cport
    PEER_URL=http://127.0.0.1:$pport
    local args=(--name m1 --data-dir "$WORK/$server-m1" --listen-client-urls "$MEMBER_URL"
        --advertise-client-urls "$MEMBER_URL" --listen-peer-urls "$PEER_URL"
        --initial-advertise-peer-urls "$PEER_URL" --initial-cluster "m1=$PEER_URL")
    if [ "$server" = etcd ]; then
        "$ETCD_BIN" "${args[@]}" --enable-v2=true >"$OUT/$server-member.log" 2>&1 &
    else
        "$QETCD_BIN" "${args[@]}" >"$OUT/$server-member.log" 2>&1 &
    fi
    PIDS+=($!)
    wait_http "$MEMBER_URL/v2/keys/"
}

# <server>: a proxy in front of the member, sets PROXY_URL
start_proxy() {
    local server=$1 port
    port=$(pick_port)
    PROXY_URL=http://127.0.0.1:$port
    local bin=$QETCD_BIN
    [ "$server" = etcd ] && bin=$ETCD_BIN
    "$bin" --proxy on --data-dir "$WORK/$server-proxy" --listen-client-urls "$PROXY_URL" \
        --initial-cluster "m1=$PEER_URL" >"$OUT/$server-proxy.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 100); do
        curl -s "$PROXY_URL/v2/config/local/proxy" 2>/dev/null | grep -q 127.0.0.1 && return 0
        sleep 0.1
    done
    die "the $server proxy found no endpoint"
}

preload() { # <url>
    seq 0 $((PRELOAD - 1)) | xargs -P 16 -I{} curl -s -o /dev/null -X PUT \
        "$1/v2/keys/bench/k{}" -d "value=$VALUE"
}

# <server> <target> <method> <conns> <url>: one wrk run; prints "rps p50_us p99_us errors"
run_wrk() {
    local server=$1 target=$2 method=$3 conns=$4 url=$5 threads=1 file
    (( conns > 1 )) && threads=2
    file=$OUT/$server-$target-$method-c$conns.txt
    echo "wrk -t$threads -c$conns -d$DURATION --latency -s bench/$method.lua $url" >"$file"
    BENCH_PRELOAD=$PRELOAD BENCH_LUA_DIR=$BENCH_DIR wrk -t"$threads" -c"$conns" -d"$DURATION" \
        --timeout 10s --latency -s "$BENCH_DIR/$method.lua" "$url" >>"$file" 2>&1 || true
    local line
    line=$(grep BENCH_RESULT "$file" | tail -1)
    [ -n "$line" ] || { echo "- - - ?"; return; }
    local rps p50 p99 errs
    rps=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$line")
    p50=$(sed -E 's/.* p50_us=([0-9]+).*/\1/' <<<"$line")
    p99=$(sed -E 's/.* p99_us=([0-9]+).*/\1/' <<<"$line")
    errs=$(sed -E 's/.*errors_connect=([0-9]+) errors_read=([0-9]+) errors_write=([0-9]+) errors_status=([0-9]+) errors_timeout=([0-9]+).*/\1+\2+\3+\4+\5/' <<<"$line")
    echo "${rps%.*} $p50 $p99 $((errs))"
}

TABLE=$OUT/table.txt
{
    echo "v2 proxy overhead: wrk $DURATION per run, $(nproc) cores shared by member, proxy and wrk; 1 member, fsync on"
    printf '%-6s %-9s %9s %9s %7s %9s %9s %7s %7s\n' server scenario direct p50us p99us proxied p50us p99us ratio
} >"$TABLE"
for server in $SERVERS; do
    if [ "$server" = etcd ] && [ -z "$ETCD_BIN" ]; then log "no etcd: skipped"; continue; fi
    log "$server: member"
    start_member "$server"
    preload "$MEMBER_URL"
    start_proxy "$server"
    for scenario in get:1 get:64 put:1 put:64; do
        method=${scenario%:*}; conns=${scenario#*:}
        log "$server: $method c$conns direct, then through the proxy"
        read -r d_rps d_p50 d_p99 d_err < <(run_wrk "$server" direct "$method" "$conns" "$MEMBER_URL")
        read -r p_rps p_p50 p_p99 p_err < <(run_wrk "$server" proxy "$method" "$conns" "$PROXY_URL")
        ratio=$(awk -v a="$p_rps" -v b="$d_rps" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
        mark=""; (( d_err + p_err > 0 )) && mark="*"
        printf '%-6s %-9s %9s %9s %7s %9s %9s %7s %7s%s\n' "$server" "$method-c$conns" \
            "$d_rps" "$d_p50" "$d_p99" "$p_rps" "$p_p50" "$p_p99" "$ratio" "$mark" >>"$TABLE"
    done
    bench_cleanup
    PIDS=()
done
echo "ratio = proxied req/s / direct req/s; * = wrk counted errors (see the raw files)" >>"$TABLE"
cat "$TABLE"
log "raw results in $OUT"
rm -rf "$WORK"
