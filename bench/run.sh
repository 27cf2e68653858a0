#!/usr/bin/env bash
# HTTP load on qetcd and, where installed, etcd (v2 API), side by side.
#
# Builds nothing: `make bench` builds first, then runs this. Each server runs alone (never both at
# once, so they do not share the two cores), on free 127.0.0.1 ports with a fresh data directory:
#   1. preload BENCH_PRELOAD keys (default 1000) with 256-byte values
#   2. wrk GET and PUT on random keys among them, 1 connection (-t1) and 64 connections (-t2),
#      BENCH_DURATION each (default 10s), with --latency
#   3. read VmRSS/VmHWM of the server from /proc/<pid>/status
#   4. if BENCH_KEYS is set (e.g. 100000): load that many more keys and read memory again
# Then prints a table and keeps everything raw under bench/results/<timestamp>/.
#
# Environment:
#   BENCH_DURATION  wrk duration per scenario: 10s, 30s, 1m ... (default 10s)
#   BENCH_PRELOAD   keys the scenarios pick from (default 1000)
#   BENCH_KEYS      extra keys to load for the memory figure (default: none)
#   BENCH_SERVERS   which servers, in order (default "qetcd etcd")
#   QETCD_BIN       qetcd binary (default build/bin/qetcd)
#   ETCD_BIN        etcd binary (default: etcd on PATH); etcd 3.x is started with --enable-v2=true
#   BENCH_OUT       where raw results go (default bench/results/<timestamp>)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
QETCD_BIN=${QETCD_BIN:-$ROOT/build/bin/qetcd}
ETCD_BIN=${ETCD_BIN:-$(command -v etcd || true)}
DURATION=${BENCH_DURATION:-10s}
PRELOAD=${BENCH_PRELOAD:-1000}
BIG_KEYS=${BENCH_KEYS:-0}
SERVERS=${BENCH_SERVERS:-qetcd etcd}
VALUE=$(printf 'v%.0s' $(seq 1 256)) # 256 bytes, the same as put.lua sends
STAMP=$(date +%Y%m%d-%H%M%S)
OUT=${BENCH_OUT:-$BENCH_DIR/results/$STAMP}
SCENARIOS=("get-c1" "get-c64" "put-c1" "put-c64")

exec 9>&2 # the script's own stderr, also inside functions whose output is redirected
log() { printf '[bench] %s\n' "$*" >&9; }
die() { log "error: $*"; exit 1; }

# --- tools --------------------------------------------------------------------------------------
need_tool() { # <command> <debian package>
    command -v "$1" >/dev/null 2>&1 && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        log "installing $2 with apt-get"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >/dev/null
    else
        die "$1 is missing: install it (Debian/Ubuntu: sudo apt-get install $2) and run again"
    fi
}
need_tool wrk wrk
need_tool curl curl
need_tool timeout coreutils

duration_seconds() { # 10 | 10s | 2m | 1h -> seconds
    case "$1" in
        *s) echo "${1%s}" ;;
        *m) echo $(( ${1%m} * 60 )) ;;
        *h) echo $(( ${1%h} * 3600 )) ;;
        *) echo "$1" ;;
    esac
}
DURATION_S=$(duration_seconds "$DURATION")
[[ "$DURATION_S" =~ ^[0-9]+$ && "$DURATION_S" -gt 0 ]] || die "BENCH_DURATION '$DURATION' is not like 10s"
[[ "$PRELOAD" =~ ^[0-9]+$ && "$PRELOAD" -gt 0 ]] || die "BENCH_PRELOAD '$PRELOAD' is not a positive number"
[[ "$BIG_KEYS" =~ ^[0-9]+$ ]] || die "BENCH_KEYS '$BIG_KEYS' is not a number"

mkdir -p "$OUT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/qetcd-bench.XXXXXX")

# --- server lifetime ----------------------------------------------------------------------------
SERVER_PID=""
stop_server() {
    [ -n "$SERVER_PID" ] || return 0
    if kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}
# Long commands run in the background and are waited for, so a signal is handled at once (bash
# defers traps until a foreground command ends) and the command is ended with the script.
CHILD_PID=""
run_child() {
    "$@" &
    CHILD_PID=$!
    local rc=0
    wait "$CHILD_PID" || rc=$?
    CHILD_PID=""
    return "$rc"
}
cleanup() {
    if [ -n "$CHILD_PID" ]; then
        kill -TERM "$CHILD_PID" 2>/dev/null || true
        wait "$CHILD_PID" 2>/dev/null || true
    fi
    stop_server
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# Ports below Linux's ephemeral range (32768+) so no outgoing connection holds them.
USED_PORTS=" "
FREE_PORT=""
pick_port() {
    local p
    for _ in $(seq 1 500); do
        p=$(( 20000 + RANDOM % 12000 ))
        case "$USED_PORTS" in *" $p "*) continue ;; esac
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            USED_PORTS+="$p "
            FREE_PORT=$p
            return 0
        fi
    done
    die "no free loopback port found"
}

# Ready = a write goes through, i.e. the member has elected itself leader.
wait_ready() { # <base url> <log file>
    local deadline=$(( SECONDS + 30 ))
    while (( SECONDS < deadline )); do
        kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 20 "$2" >&2; die "server exited during start-up (log: $2)"; }
        if curl -sf --max-time 2 -X PUT "$1/v2/keys/bench/_ready" -d value=1 -o /dev/null; then
            return 0
        fi
        sleep 0.2
    done
    tail -n 20 "$2" >&2
    die "server at $1 not ready after 30 s (log: $2)"
}

BASE_URL=""
start_server() { # <qetcd|etcd>
    local server=$1 cport pport data="$WORK/$1-data" logfile="$OUT/$1.log"
    pick_port; cport=$FREE_PORT
    pick_port; pport=$FREE_PORT
    BASE_URL="http://127.0.0.1:$cport"
    local args=(--name bench --data-dir "$data"
        --listen-client-urls "$BASE_URL" --advertise-client-urls "$BASE_URL"
        --listen-peer-urls "http://127.0.0.1:$pport" --initial-advertise-peer-urls "http://127.0.0.1:$pport"
        --initial-cluster "bench=http://127.0.0.1:$pport")
    case "$server" in
        qetcd) "$QETCD_BIN" "${args[@]}" >"$logfile" 2>&1 & ;;
        # etcd 2.2's snapshot interval (qetcd's default) instead of 3.4's 100000, so the two keep
        # a comparable number of log entries in memory.
        etcd) "$ETCD_BIN" "${args[@]}" --enable-v2=true --snapshot-count 10000 >"$logfile" 2>&1 & ;;
    esac
    SERVER_PID=$!
    echo "$server: pid $SERVER_PID, ${args[*]}" >>"$OUT/commands.txt"
    wait_ready "$BASE_URL" "$logfile"
    log "$server ready at $BASE_URL (pid $SERVER_PID)"
}

# --- load ---------------------------------------------------------------------------------------
# PUT keys <prefix>0..<prefix>N-1 through one curl process: keep-alive, 16 transfers in parallel.
load_keys() { # <prefix> <count> <label>
    local prefix=$1 count=$2 label=$3 cfg="$WORK/load-$3.cfg" codes="$OUT/$SERVER_NAME-load-$3.codes"
    awk -v n="$count" -v base="$BASE_URL/v2/keys/bench/$prefix" \
        'BEGIN { for (i = 0; i < n; i++) printf "url = \"%s%d\"\noutput = \"/dev/null\"\n", base, i }' >"$cfg"
    local started=$SECONDS
    run_child timeout --kill-after=5 900 curl -sS --no-progress-meter --parallel --parallel-max 16 -K "$cfg" -X PUT \
        -H 'Content-Type: application/x-www-form-urlencoded' --data "value=$VALUE" \
        --max-time 10 -w '%{http_code}\n' >"$codes" 2>"$codes.err" || true
    local ok
    ok=$(grep -c '^20[01]$' "$codes" || true)
    log "$SERVER_NAME: loaded $ok/$count keys ($label) in $(( SECONDS - started )) s"
    [ "$ok" -eq "$count" ] || log "$SERVER_NAME: WARNING: $(( count - ok )) of $count PUTs failed, see $codes"
}

declare -A RPS P50 P99 ERRS MEM
run_scenario() { # <scenario>
    local scenario=$1 method=${1%-c*} conns=${1#*-c} threads=1 file="$OUT/$SERVER_NAME-$1.txt"
    (( conns > 1 )) && threads=2
    kill -0 "$SERVER_PID" 2>/dev/null || die "$SERVER_NAME died before $scenario (log: $OUT/$SERVER_NAME.log)"
    log "$SERVER_NAME: $scenario (wrk -t$threads -c$conns -d$DURATION)"
    run_child env BENCH_PRELOAD="$PRELOAD" BENCH_LUA_DIR="$BENCH_DIR" \
        timeout --kill-after=5 $(( DURATION_S + 60 )) \
        wrk -t"$threads" -c"$conns" -d"$DURATION" --timeout 10s --latency \
        -s "$BENCH_DIR/$method.lua" "$BASE_URL" >"$file" 2>&1 || log "$SERVER_NAME: wrk failed for $scenario, see $file"
    local line
    line=$(grep '^BENCH_RESULT' "$file" || true)
    [ -n "$line" ] || return 0
    field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
    local key="$SERVER_NAME,$scenario"
    RPS[$key]=$(field rps)
    P50[$key]=$(field p50_us)
    P99[$key]=$(field p99_us)
    ERRS[$key]=$(( $(field errors_connect) + $(field errors_read) + $(field errors_write) + $(field errors_status) + $(field errors_timeout) ))
}

read_memory() { # <label>: VmRSS and VmHWM in kB
    local rss hwm
    rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status")
    hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status")
    MEM[$SERVER_NAME,$1,rss]=$rss
    MEM[$SERVER_NAME,$1,hwm]=$hwm
    echo "$SERVER_NAME $1 VmRSS=${rss}kB VmHWM=${hwm}kB" >>"$OUT/memory.txt"
}

# --- run ----------------------------------------------------------------------------------------
RAN=()
for SERVER_NAME in $SERVERS; do
    case "$SERVER_NAME" in
        qetcd)
            if [ ! -x "$QETCD_BIN" ]; then
                log "qetcd: skipped, $QETCD_BIN does not exist (build it first: make build, or set QETCD_BIN)"
                continue
            fi ;;
        etcd)
            if [ -z "$ETCD_BIN" ] || [ ! -x "$ETCD_BIN" ]; then
                log "etcd: skipped, no etcd on PATH (Debian: apt-get install etcd-server, or set ETCD_BIN)"
                continue
            fi
            "$ETCD_BIN" --version >"$OUT/etcd-version.txt" 2>&1 || true ;;
        *) die "unknown server '$SERVER_NAME' in BENCH_SERVERS" ;;
    esac
    start_server "$SERVER_NAME"
    load_keys k "$PRELOAD" preload
    for scenario in "${SCENARIOS[@]}"; do run_scenario "$scenario"; done
    read_memory bench
    if (( BIG_KEYS > 0 )); then
        load_keys m "$BIG_KEYS" "big"
        read_memory big
    fi
    stop_server
    RAN+=("$SERVER_NAME")
done
(( ${#RAN[@]} > 0 )) || die "no server was benchmarked"

# --- report -------------------------------------------------------------------------------------
ms() { [ -n "${1:-}" ] && awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }' || printf -- '-'; }
mib() { [ -n "${1:-}" ] && awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }' || printf -- '-'; }
cell_rps() { # <server> <scenario>
    local k="$1,$2"
    [ -n "${RPS[$k]:-}" ] || { printf -- '-'; return; }
    printf '%s' "${RPS[$k]}"
    (( ${ERRS[$k]:-0} > 0 )) && printf '*'
    return 0
}
cell_lat() { local k="$1,$2"; [ -n "${P50[$k]:-}" ] && printf '%s/%s' "$(ms "${P50[$k]}")" "$(ms "${P99[$k]}")" || printf -- '-'; }
{
    echo "qetcd vs etcd, v2 API over HTTP on 127.0.0.1; $(nproc) cores; wrk $DURATION per scenario;"
    echo "$PRELOAD keys preloaded, 256-byte values; random key per request. Latency in ms (p50/p99)."
    [ -f "$OUT/etcd-version.txt" ] && echo "reference: $(head -n 1 "$OUT/etcd-version.txt")"
    echo
    printf '%-9s %12s %12s %7s %15s %15s\n' scenario "qetcd req/s" "etcd req/s" ratio "qetcd p50/p99" "etcd p50/p99"
    for scenario in "${SCENARIOS[@]}"; do
        ratio=-
        if [ -n "${RPS[qetcd,$scenario]:-}" ] && [ -n "${RPS[etcd,$scenario]:-}" ]; then
            ratio=$(awk -v a="${RPS[qetcd,$scenario]}" -v b="${RPS[etcd,$scenario]}" 'BEGIN { printf (b > 0 ? "%.2f" : "-"), a / b }')
        fi
        printf '%-9s %12s %12s %7s %15s %15s\n' "$scenario" "$(cell_rps qetcd "$scenario")" \
            "$(cell_rps etcd "$scenario")" "$ratio" "$(cell_lat qetcd "$scenario")" "$(cell_lat etcd "$scenario")"
    done
    echo "ratio = qetcd req/s / etcd req/s; * = wrk counted errors (non-2xx, timeouts, socket errors): see the raw file"
    echo
    printf '%-7s %22s %22s\n' memory "after scenarios (MiB)" "$( (( BIG_KEYS > 0 )) && echo "after +$BIG_KEYS keys (MiB)")"
    for server in "${RAN[@]}"; do
        big=""
        (( BIG_KEYS > 0 )) && big="RSS $(mib "${MEM[$server,big,rss]:-}") HWM $(mib "${MEM[$server,big,hwm]:-}")"
        printf '%-7s %22s %22s\n' "$server" "RSS $(mib "${MEM[$server,bench,rss]:-}") HWM $(mib "${MEM[$server,bench,hwm]:-}")" "$big"
    done
    echo
    echo "raw output: $OUT"
} | tee "$OUT/summary.txt"
