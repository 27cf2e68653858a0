#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors
# Wrong-password flood against a 3-member qetcd cluster with auth enabled: how many wrong-password
# requests per second does it take to make the cluster change its leader?
#
# Starts three members on free 127.0.0.1 ports (fresh data dirs), creates `root` (password
# rootpw), enables auth, then floods one member with `GET /v2/keys/flood` carrying Basic
# credentials `root:<wrong>` through wrk, in steps of increasing connections (each step
# FLOOD_STEP seconds). Before and after each step it reads the Raft term of every member
# (X-Raft-Term of an authenticated read); a higher term means an election happened. Per mode it
# prints the achieved wrong-password rate of each step (answers per second: 401 refusals plus 429
# "too many password checks"), and the first step whose rate caused an election, or that none did
# up to the highest rate reached.
#
# Modes: `same` repeats one wrong password (`root:x`); `distinct` sends a fresh wrong password
# with every request (defeats any cache of failures: every request asks for a hash).
#
# Environment:
#   QETCD_BIN     qetcd binary (default build/bin/qetcd)
#   FLOOD_STEP    seconds per step (default 5)
#   FLOOD_CONNS   wrk connections per step (default "1 2 4 8 16 32 64 128")
#   FLOOD_MODES   (default "same distinct")
#   FLOOD_TARGET  leader (default) or follower: which member gets the flood
#   FLOOD_OUT     raw output directory (default bench/results/auth-flood-<timestamp>)
# Needs wrk and curl (installed with apt-get when missing and running as root).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
QETCD_BIN=${QETCD_BIN:-$ROOT/build/bin/qetcd}
STEP=${FLOOD_STEP:-5}
CONNS=${FLOOD_CONNS:-1 2 4 8 16 32 64 128}
MODES=${FLOOD_MODES:-same distinct}
TARGET=${FLOOD_TARGET:-leader}
OUT=${FLOOD_OUT:-$BENCH_DIR/results/auth-flood-$(date +%Y%m%d-%H%M%S)}

log() { printf '[auth-flood] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

need_tool() { # <command> <debian package>
    command -v "$1" >/dev/null 2>&1 && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        log "installing $2 with apt-get"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >/dev/null
    else
        die "$1 is missing: install it (apt-get install $2)"
    fi
}
need_tool wrk wrk
need_tool curl curl
[ -x "$QETCD_BIN" ] || die "$QETCD_BIN is not built"
[[ "$STEP" =~ ^[0-9]+$ && "$STEP" -gt 0 ]] || die "FLOOD_STEP '$STEP' is not a positive number"
case "$TARGET" in leader | follower) ;; *) die "FLOOD_TARGET must be leader or follower" ;; esac

mkdir -p "$OUT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/qetcd-auth-flood.XXXXXX")
PIDS=()
cleanup() {
    local pid
    for pid in ${PIDS[@]+"${PIDS[@]}"}; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in ${PIDS[@]+"${PIDS[@]}"}; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

USED=" "
pick_port() {
    local p
    for _ in $(seq 1 500); do
        p=$((20000 + RANDOM % 12000))
        case "$USED" in *" $p "*) continue ;; esac
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            USED+="$p "
            echo "$p"
            return 0
        fi
    done
    die "no free loopback port"
}

URLS=()
initial=""
cports=()
pports=()
for i in 0 1 2; do
    cports+=("$(pick_port)")
    pports+=("$(pick_port)")
    initial+="${initial:+,}m$i=http://127.0.0.1:${pports[$i]}"
done
for i in 0 1 2; do
    url="http://127.0.0.1:${cports[$i]}"
    URLS+=("$url")
    "$QETCD_BIN" --name "m$i" --data-dir "$WORK/m$i" \
        --listen-client-urls "$url" --advertise-client-urls "$url" \
        --listen-peer-urls "http://127.0.0.1:${pports[$i]}" \
        --initial-advertise-peer-urls "http://127.0.0.1:${pports[$i]}" \
        --initial-cluster "$initial" --initial-cluster-state new \
        --initial-cluster-token auth-flood >"$OUT/m$i.log" 2>&1 &
    PIDS+=($!)
done
echo "qetcd: $QETCD_BIN ($(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?'))" >"$OUT/summary.txt"

deadline=$((SECONDS + 60))
until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -X PUT "${URLS[0]}/v2/keys/ready" -d value=1)" = 201 ] ||
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -X PUT "${URLS[0]}/v2/keys/ready" -d value=1)" = 200 ]; do
    ((SECONDS < deadline)) || die "cluster not ready after 60 s (logs in $OUT)"
    sleep 0.3
done
curl -sf --max-time 10 -X PUT "${URLS[0]}/v2/auth/users/root" -H 'Content-Type: application/json' \
    -d '{"user":"root","password":"rootpw"}' -o /dev/null || die "cannot create root"
curl -sf --max-time 10 -X PUT "${URLS[0]}/v2/auth/enable" -o /dev/null || die "cannot enable auth"
log "cluster up, auth enabled: ${URLS[*]}"

# The highest Raft term any member reports (authenticated, so it also works with auth on).
max_term() {
    local url t max=0
    for url in "${URLS[@]}"; do
        t=$(curl -s -D - -o /dev/null --max-time 10 -u root:rootpw "$url/v2/keys/" |
            tr -d '\r' | sed -n 's/^X-Raft-Term: *//Ip')
        [[ "$t" =~ ^[0-9]+$ ]] && ((t > max)) && max=$t
    done
    echo "$max"
}
# The member to flood: the current leader, or a member that is not.
target_url() {
    local url
    for url in "${URLS[@]}"; do
        if curl -s --max-time 5 "$url/v2/stats/self" | grep -Eq '"state" *: *"StateLeader"'; then
            [ "$TARGET" = leader ] && { echo "$url"; return 0; }
        elif [ "$TARGET" = follower ]; then
            echo "$url"
            return 0
        fi
    done
    return 1
}
wait_target() {
    local t deadline=$((SECONDS + 30))
    until t=$(target_url); do
        ((SECONDS < deadline)) || die "no $TARGET found"
        sleep 0.3
    done
    echo "$t"
}

printf '%-9s %6s %12s %8s %8s %6s %6s %s\n' mode conns wrong_req/s 401s 429s term0 term1 election | tee -a "$OUT/summary.txt"
for mode in $MODES; do
    result="no election up to the highest rate reached"
    best=0
    for c in $CONNS; do
        url=$(wait_target)
        sleep 1 # let any follow-up of the previous step settle
        t0=$(max_term)
        threads=1
        ((c > 1)) && threads=2
        file="$OUT/$mode-c$c.txt"
        echo "wrk -t$threads -c$c -d${STEP}s --timeout 10s -s bench/auth-flood.lua $url (FLOOD_MODE=$mode)" >"$file"
        env BENCH_LUA_DIR="$BENCH_DIR" FLOOD_MODE="$mode" \
            timeout --kill-after=5 $((STEP + 60)) \
            wrk -t"$threads" -c"$c" -d"${STEP}s" --timeout 10s -s "$BENCH_DIR/auth-flood.lua" "$url" >>"$file" 2>&1 || true
        t1=$(max_term)
        line=$(grep '^BENCH_RESULT' "$file" || true)
        rps=$(sed -n 's/.* rps=\([^ ]*\).*/\1/p' <<<"$line")
        s401=$(sed -n 's/.* s401=\([0-9]*\).*/\1/p' "$file")
        s429=$(sed -n 's/.* s429=\([0-9]*\).*/\1/p' "$file")
        changed=no
        ((t1 > t0)) && changed=yes
        printf '%-9s %6s %12s %8s %8s %6s %6s %s\n' "$mode" "$c" "${rps:--}" "${s401:--}" "${s429:--}" "$t0" "$t1" "$changed" | tee -a "$OUT/summary.txt"
        if [ "$changed" = yes ]; then
            result="election at ${rps:-?} wrong-password req/s ($c connections)"
            break
        fi
        [ -n "$rps" ] && best=$rps
        result="no election up to $best wrong-password req/s"
    done
    echo "RESULT mode=$mode target=$TARGET: $result" | tee -a "$OUT/summary.txt"
done
log "raw output in $OUT"
