#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors
# HTTP load on qetcd and, where installed, etcd (v2 API), side by side, with PASS/MISS against
# the project's targets.
#
# Builds nothing: `make bench` builds first, then runs this. Servers run one at a time (never two
# kinds at once, so they do not share the two cores), on free 127.0.0.1 ports with fresh data
# directories, fsync on (both servers fdatasync their WAL before acknowledging a write).
# Phases, each for every server in turn (phase-major, so slow drift in background load touches
# both columns alike):
#   single   one member: preload BENCH_PRELOAD keys (256-byte values); wrk GET c1, GET c64; the
#            disk's own fdatasync latency (qetcd-fsyncprobe) right before and after PUT c1; wrk PUT c1,
#            PUT c64; memory after the scenarios
#   memory   a fresh member: load BENCH_KEYS keys (default 100000) of 256 bytes, read VmRSS/VmHWM
#   cluster  three members on loopback: wait for /health on each, find the leader through
#            /v2/stats/self, preload, fsync probe, wrk PUT c1 and c64 against the leader, then
#            (BENCH_FOLLOWER=1) the same against one follower
# Then prints one table, the fdatasync comparison, memory, and PASS/MISS per target, and keeps
# everything raw under bench/results/<timestamp>/.
#
# Environment:
#   BENCH_DURATION  wrk duration per scenario: 10s, 30s, 1m ... (default 10s)
#   BENCH_PRELOAD   keys the scenarios pick from (default 1000)
#   BENCH_KEYS      keys loaded for the memory figure (default 100000; 0 skips the memory phase)
#   BENCH_PHASES    which phases, in order (default "single memory cluster")
#   BENCH_FOLLOWER  1 (default): also write through a follower of each cluster; 0: leader only
#   BENCH_FSYNC_SAMPLES  appends the fsync probe times (default 2000)
#   BENCH_LOAD_PARALLEL  transfers in flight while loading keys (default 32)
#   BENCH_ROUNDS    run the single and cluster phases this many times, alternating servers, and
#                   report for each scenario the round least disturbed by other processes (default 1)
#   BENCH_QUIET_WAIT     before each scenario and probe, wait up to this many seconds until other
#                   processes use less than BENCH_QUIET_CORES cores (default 0: do not wait)
#   BENCH_QUIET_CORES    threshold for BENCH_QUIET_WAIT (default 0.2)
#   BENCH_SERVERS   which servers, in order (default "qetcd etcd")
#   BENCH_PEER_TLS  1: members talk TLS (https peer URLs, --peer-client-cert-auth, the test
#                   certificates in tests/common/tls), for qetcd and etcd alike (default 0)
#   QETCD_BIN       qetcd binary (default build/bin/qetcd)
#   BENCH_QETCD_ARGS  more qetcd flags, word-split (e.g. "--snapshot-count 1000000"; default none)
#   FSYNCPROBE_BIN  fsync probe (default qetcd-fsyncprobe beside QETCD_BIN)
#   ETCD_BIN        etcd binary (default: etcd on PATH, or .tools/etcd from make deps); etcd 3.x is
#                   started with --enable-v2=true
#   BENCH_OUT       where raw results go (default bench/results/<timestamp>)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
QETCD_BIN=${QETCD_BIN:-$ROOT/build/bin/qetcd}
FSYNCPROBE_BIN=${FSYNCPROBE_BIN:-$(dirname "$QETCD_BIN")/qetcd-fsyncprobe}
ETCD_BIN=${ETCD_BIN:-$(command -v etcd || { [ -x "$ROOT/.tools/etcd" ] && echo "$ROOT/.tools/etcd"; } || true)}
DURATION=${BENCH_DURATION:-10s}
PRELOAD=${BENCH_PRELOAD:-1000}
BIG_KEYS=${BENCH_KEYS:-100000}
PHASES=${BENCH_PHASES:-single memory cluster}
FOLLOWER=${BENCH_FOLLOWER:-1}
FSYNC_SAMPLES=${BENCH_FSYNC_SAMPLES:-2000}
LOAD_PARALLEL=${BENCH_LOAD_PARALLEL:-32}
ROUNDS=${BENCH_ROUNDS:-1}
ROUND=1
QUIET_WAIT=${BENCH_QUIET_WAIT:-0}
QUIET_CORES=${BENCH_QUIET_CORES:-0.2}
SERVERS=${BENCH_SERVERS:-qetcd etcd}
PEER_SCHEME=http
PEER_TLS_ARGS=()
if [ "${BENCH_PEER_TLS:-0}" = 1 ]; then
    PEER_SCHEME=https
    PEER_TLS_ARGS=(--peer-cert-file "$ROOT/tests/common/tls/server.crt"
        --peer-key-file "$ROOT/tests/common/tls/server.key"
        --peer-trusted-ca-file "$ROOT/tests/common/tls/ca.crt" --peer-client-cert-auth)
fi
VALUE=$(printf 'v%.0s' $(seq 1 256)) # 256 bytes, the same as put.lua sends
STAMP=$(date +%Y%m%d-%H%M%S)
OUT=${BENCH_OUT:-$BENCH_DIR/results/$STAMP}
NCPU=$(nproc)

# shellcheck source=bench/lib.sh
. "$BENCH_DIR/lib.sh" # duration_seconds; log, die and the traps are this script's own, below
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

DURATION_S=$(duration_seconds "$DURATION")
[[ "$DURATION_S" =~ ^[0-9]+$ && "$DURATION_S" -gt 0 ]] || die "BENCH_DURATION '$DURATION' is not like 10s"
[[ "$PRELOAD" =~ ^[0-9]+$ && "$PRELOAD" -gt 0 ]] || die "BENCH_PRELOAD '$PRELOAD' is not a positive number"
[[ "$BIG_KEYS" =~ ^[0-9]+$ ]] || die "BENCH_KEYS '$BIG_KEYS' is not a number"
[[ "$FSYNC_SAMPLES" =~ ^[0-9]+$ && "$FSYNC_SAMPLES" -gt 0 ]] || die "BENCH_FSYNC_SAMPLES '$FSYNC_SAMPLES' is not a positive number"
[[ "$LOAD_PARALLEL" =~ ^[0-9]+$ && "$LOAD_PARALLEL" -gt 0 ]] || die "BENCH_LOAD_PARALLEL '$LOAD_PARALLEL' is not a positive number"
[[ "$ROUNDS" =~ ^[0-9]+$ && "$ROUNDS" -gt 0 ]] || die "BENCH_ROUNDS '$ROUNDS' is not a positive number"
[[ "$QUIET_WAIT" =~ ^[0-9]+$ ]] || die "BENCH_QUIET_WAIT '$QUIET_WAIT' is not a number of seconds"
[[ "$QUIET_CORES" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "BENCH_QUIET_CORES '$QUIET_CORES' is not a number"
for phase in $PHASES; do
    case "$phase" in single | memory | cluster) ;; *) die "unknown phase '$phase' in BENCH_PHASES" ;; esac
done

mkdir -p "$OUT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/qetcd-bench.XXXXXX")

# --- background load ----------------------------------------------------------------------------
# Other people's processes (compilers, tests) take cores from the benchmark. Each scenario measures
# how much: busy CPU time of the whole machine (/proc/stat) minus the CPU time of the servers and
# of wrk, in cores. 0.0 means the two cores were ours alone.
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
LOAD_START=$(loadavg)
STARTED=$(date '+%Y-%m-%d %H:%M:%S %Z')
machine_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9; exit }' /proc/stat; }
# CPU ticks of the running servers plus every child this shell has already waited for (wrk, curl):
# bash's own cutime/cstime, fields 16 and 17 of /proc/<pid>/stat.
our_ticks() {
    local total=0 t pid
    for pid in "${SERVER_PIDS[@]}" $$; do
        t=$(awk -v self="$([ "$pid" = $$ ] && echo 1 || echo 0)" \
            '{ sub(/^.*\) /, ""); print (self ? $14 + $15 + $12 + $13 : $12 + $13) }' "/proc/$pid/stat" 2>/dev/null || echo 0)
        total=$(( total + t ))
    done
    echo "$total"
}
CLK_TCK=$(getconf CLK_TCK)
server_ticks() { # CPU ticks used so far by the running servers
    local pid total=0
    for pid in "${SERVER_PIDS[@]}"; do
        total=$(( total + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
    done
    echo "$total"
}
CPU_MARK=""
cpu_mark() { CPU_MARK="$(machine_busy) $(our_ticks)"; }
other_cores() { # cores used by other processes since cpu_mark
    local now
    now="$(machine_busy) $(our_ticks)"
    awk -v a="$CPU_MARK" -v b="$now" -v n="$NCPU" 'BEGIN {
        split(a, x); split(b, y)
        busy = y[1] - x[1]; total = y[2] - x[2]; ours = y[3] - x[3]
        other = total > 0 ? (busy - ours) / (total / n) : 0
        printf "%.2f", other < 0 ? 0 : other }'
}

# The machine's own speed: processor milliseconds of two fixed tasks, each the fastest of three:
# an awk loop (computing) and dd copying 64-byte blocks from /dev/zero to /dev/null (200,000
# system calls; a server's requests are mostly system calls). A task taking longer means every
# process on the machine ran slower (the hypervisor, the processor's clock), which a server's
# CPU time per request would otherwise be blamed for. rounds.txt gives "<awk>/<dd>" next to each
# scenario.
task_ms() { # <command...>: processor ms of the fastest of three runs
    local best="" t
    for _ in 1 2 3; do
        t=$( { TIMEFORMAT='%3U %3S'; time "$@" >/dev/null 2>&1; } 2>&1 )
        t=$(awk -v u="${t% *}" -v s="${t#* }" 'BEGIN { printf "%d", (u + s) * 1000 }')
        [ -z "$best" ] || (( t < best )) && best=$t
    done
    echo "$best"
}
reference_ms() {
    echo "$(task_ms awk 'BEGIN { for (i = 0; i < 6000000; i++) s += i % 7 }')/$(task_ms dd if=/dev/zero of=/dev/null bs=64 count=100000)"
}

# With BENCH_QUIET_WAIT: sample 2 s windows until one shows other processes below QUIET_CORES, or
# the wait runs out (then the scenario runs anyway and its "other" column tells).
QUIET_WAITED=0
wait_quiet() {
    (( QUIET_WAIT > 0 )) || return 0
    local deadline=$(( SECONDS + QUIET_WAIT )) started=$SECONDS other
    while :; do
        cpu_mark
        sleep 2
        other=$(other_cores)
        awk -v o="$other" -v t="$QUIET_CORES" 'BEGIN { exit !(o < t) }' && break
        (( SECONDS < deadline )) || { log "machine still busy (other processes: $other cores), running anyway"; break; }
    done
    QUIET_WAITED=$(( QUIET_WAITED + SECONDS - started ))
    (( SECONDS - started <= 2 )) || log "waited $(( SECONDS - started )) s for a quiet machine"
}

# --- server lifetime ----------------------------------------------------------------------------
SERVER_PIDS=()
DATA_DIRS=()
stop_servers() {
    local pid
    (( ${#SERVER_PIDS[@]} > 0 )) || return 0
    for pid in "${SERVER_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for _ in $(seq 1 50); do
        local alive=0
        for pid in "${SERVER_PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        (( alive )) || break
        sleep 0.1
    done
    for pid in "${SERVER_PIDS[@]}"; do
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    SERVER_PIDS=()
    (( ${#DATA_DIRS[@]} == 0 )) || rm -rf "${DATA_DIRS[@]}"
    DATA_DIRS=()
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
    stop_servers
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

servers_alive() { # <log file>
    local pid
    for pid in "${SERVER_PIDS[@]}"; do
        # $1 may be a glob (all logs of a cluster): left unquoted on purpose.
        kill -0 "$pid" 2>/dev/null || { tail -n 20 $1 >&9 2>&1 || true; die "server $pid exited (log: $1)"; }
    done
}

# Ready = a write goes through, i.e. the member has elected itself leader.
wait_ready() { # <base url> <log file>
    local deadline=$(( SECONDS + 30 ))
    while (( SECONDS < deadline )); do
        servers_alive "$2"
        if curl -sf --max-time 2 -X PUT "$1/v2/keys/bench/_ready" -d value=1 -o /dev/null; then
            return 0
        fi
        sleep 0.2
    done
    tail -n 20 "$2" >&9
    die "server at $1 not ready after 30 s (log: $2)"
}

# Starts one member of <server>; appends its pid to SERVER_PIDS. etcd gets --snapshot-count 10000,
# etcd 2.2's default and qetcd's, instead of 3.4's 100000, so both keep a similar number of log
# entries in memory.
start_member() { # <qetcd|etcd> <name> <client port> <peer port> <initial cluster> <data dir> <log file>
    local server=$1 name=$2 url="http://127.0.0.1:$3" peer="$PEER_SCHEME://127.0.0.1:$4"
    local args=(--name "$name" --data-dir "$6" ${PEER_TLS_ARGS[@]+"${PEER_TLS_ARGS[@]}"}
        --listen-client-urls "$url" --advertise-client-urls "$url"
        --listen-peer-urls "$peer" --initial-advertise-peer-urls "$peer"
        --initial-cluster "$5" --initial-cluster-state new --initial-cluster-token bench)
    case "$server" in
        qetcd) "$QETCD_BIN" "${args[@]}" ${BENCH_QETCD_ARGS:-} >"$7" 2>&1 & ;;
        etcd) "$ETCD_BIN" "${args[@]}" --enable-v2=true --snapshot-count 10000 >"$7" 2>&1 & ;;
    esac
    SERVER_PIDS+=($!)
    DATA_DIRS+=("$6")
    echo "$server $name: pid $!, ${args[*]}" >>"$OUT/commands.txt"
}

BASE_URL=""
start_single() { # <qetcd|etcd> <label>
    local cport pport
    pick_port; cport=$FREE_PORT
    pick_port; pport=$FREE_PORT
    BASE_URL="http://127.0.0.1:$cport"
    start_member "$1" bench "$cport" "$pport" "bench=$PEER_SCHEME://127.0.0.1:$pport" \
        "$WORK/$1-$2$(round_suffix)-data" "$OUT/$1-$2$(round_suffix).log"
    wait_ready "$BASE_URL" "$OUT/$1-$2$(round_suffix).log"
    log "$1 ($2): ready at $BASE_URL (pid ${SERVER_PIDS[0]})"
}

CLUSTER_URLS=()
LEADER_URL=""
FOLLOWER_URL=""
start_cluster() { # <qetcd|etcd>: three members a, b, c; sets CLUSTER_URLS, LEADER_URL, FOLLOWER_URL
    local server=$1 names=(a b c) cports=() pports=() initial="" i
    for i in 0 1 2; do
        pick_port; cports+=("$FREE_PORT")
        pick_port; pports+=("$FREE_PORT")
        initial+="${initial:+,}${names[$i]}=$PEER_SCHEME://127.0.0.1:${pports[$i]}"
    done
    CLUSTER_URLS=()
    for i in 0 1 2; do
        CLUSTER_URLS+=("http://127.0.0.1:${cports[$i]}")
        start_member "$server" "${names[$i]}" "${cports[$i]}" "${pports[$i]}" "$initial" \
            "$WORK/$server-cluster$(round_suffix)-${names[$i]}" "$OUT/$server-cluster$(round_suffix)-${names[$i]}.log"
    done
    local logs="$OUT/$server-cluster$(round_suffix)-*.log" deadline=$(( SECONDS + 60 )) url healthy
    while :; do
        servers_alive "$logs"
        healthy=0
        for url in "${CLUSTER_URLS[@]}"; do
            [ "$(curl -s --max-time 2 -o /dev/null -w '%{http_code}' "$url/health" || true)" = 200 ] && healthy=$(( healthy + 1 ))
        done
        (( healthy == 3 )) && break
        (( SECONDS < deadline )) || die "$server cluster: $healthy of 3 members healthy after 60 s (logs: $logs)"
        sleep 0.2
    done
    LEADER_URL=""
    FOLLOWER_URL=""
    while :; do
        for url in "${CLUSTER_URLS[@]}"; do
            if curl -s --max-time 2 "$url/v2/stats/self" | grep -Eq '"state" *: *"StateLeader"'; then
                LEADER_URL=$url
            elif [ -z "$FOLLOWER_URL" ]; then
                FOLLOWER_URL=$url
            fi
        done
        [ -n "$LEADER_URL" ] && break
        FOLLOWER_URL=""
        (( SECONDS < deadline )) || die "$server cluster: no member reports StateLeader (logs: $logs)"
        sleep 0.2
    done
    log "$server cluster: 3 members healthy (pids ${SERVER_PIDS[*]}); leader $LEADER_URL, follower $FOLLOWER_URL"
    echo "$server cluster: leader $LEADER_URL follower $FOLLOWER_URL" >>"$OUT/commands.txt"
}

# --- load ---------------------------------------------------------------------------------------
# PUT keys <prefix>0..<prefix>N-1 through one curl process: keep-alive, LOAD_PARALLEL in flight.
load_keys() { # <url> <prefix below /v2/keys/bench/> <count> <label>
    local url=$1 prefix=$2 count=$3 label=$4 cfg="$WORK/load-$4.cfg" codes="$OUT/$SERVER_NAME-load-$4.codes"
    awk -v n="$count" -v base="$url/v2/keys/bench/$prefix" \
        'BEGIN { for (i = 0; i < n; i++) printf "url = \"%s%d\"\noutput = \"/dev/null\"\n", base, i }' >"$cfg"
    local started=$EPOCHREALTIME
    echo "$SERVER_NAME load $label: curl --parallel --parallel-max $LOAD_PARALLEL PUT $count x $url/v2/keys/bench/${prefix}<i>" >>"$OUT/commands.txt"
    run_child timeout --kill-after=5 900 curl -sS --no-progress-meter --parallel --parallel-max "$LOAD_PARALLEL" -K "$cfg" -X PUT \
        -H 'Content-Type: application/x-www-form-urlencoded' --data "value=$VALUE" \
        --max-time 10 -w '%{http_code}\n' >"$codes" 2>"$codes.err" || true
    local ok
    ok=$(grep -c '^20[01]$' "$codes" || true)
    local secs
    secs=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
    log "$SERVER_NAME: loaded $ok/$count keys ($label) in $secs s"
    LOADED[$SERVER_NAME,$label]="$ok $secs"
    [ "$ok" -eq "$count" ] || log "$SERVER_NAME: WARNING: $(( count - ok )) of $count PUTs failed, see $codes"
}

declare -A RPS=() P50=() P99=() ERRS=() OTHER=() CPU_US=() ROUND_OF=() MEM=() FSYNC=() LOADED=()
round_suffix() { (( ROUNDS > 1 )) && echo "-r$ROUND" || true; }
# Keeps, per server and scenario, the round in which other processes took the least CPU: their
# interference only slows a scenario down, and choosing by interference, not by result, does not
# favour either server. Every round's figures go to rounds.txt.
run_scenario() { # <scenario> <get|put> <connections> <url>
    local scenario=$1 method=$2 conns=$3 url=$4 threads=1 file="$OUT/$SERVER_NAME-$1$(round_suffix).txt"
    (( conns > 1 )) && threads=2
    servers_alive "$OUT/$SERVER_NAME-*.log"
    log "$SERVER_NAME: $scenario$( (( ROUNDS > 1 )) && echo ", round $ROUND/$ROUNDS") (wrk -t$threads -c$conns -d$DURATION $method $url)"
    echo "$SERVER_NAME $scenario: wrk -t$threads -c$conns -d$DURATION --timeout 10s --latency -s bench/$method.lua $url" >>"$OUT/commands.txt"
    wait_quiet
    local reference
    reference=$(reference_ms)
    echo "# loadavg before: $(loadavg); the reference tasks took $reference ms of processor time (awk/dd)" >"$file"
    local ticks_before
    ticks_before=$(server_ticks)
    cpu_mark
    run_child env BENCH_PRELOAD="$PRELOAD" BENCH_LUA_DIR="$BENCH_DIR" \
        timeout --kill-after=5 $(( DURATION_S + 60 )) \
        wrk -t"$threads" -c"$conns" -d"$DURATION" --timeout 10s --latency \
        -s "$BENCH_DIR/$method.lua" "$url" >>"$file" 2>&1 || log "$SERVER_NAME: wrk failed for $scenario, see $file"
    local key="$SERVER_NAME,$scenario" other ticks
    other=$(other_cores)
    ticks=$(( $(server_ticks) - ticks_before ))
    echo "# loadavg after: $(loadavg); other processes used $other cores on average" >>"$file"
    local line
    line=$(grep '^BENCH_RESULT' "$file" || true)
    [ -n "$line" ] || return 0
    field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
    local errs=$(( $(field errors_connect) + $(field errors_read) + $(field errors_write) + $(field errors_status) + $(field errors_timeout) ))
    # Server CPU time per request (all members of a cluster): what a request costs the server,
    # independent of how many cores wrk left it.
    local cpu_us
    cpu_us=$(awk -v t="$ticks" -v hz="$CLK_TCK" -v n="$(field requests)" 'BEGIN { if (n > 0) printf "%.1f", t * 1e6 / hz / n; else printf "-" }')
    printf '%-6s %-20s round %d  rps %10s  p50_us %7s  p99_us %7s  errors %d  server_cpu_us_per_req %6s  other_cores %s  reference_ms %s\n' \
        "$SERVER_NAME" "$scenario" "$ROUND" "$(field rps)" "$(field p50_us)" "$(field p99_us)" "$errs" "$cpu_us" "$other" "$reference" >>"$OUT/rounds.txt"
    if [ -n "${OTHER[$key]:-}" ] && ! awk -v a="$other" -v b="${OTHER[$key]}" 'BEGIN { exit !(a < b) }'; then
        return 0
    fi
    OTHER[$key]=$other
    ROUND_OF[$key]=$ROUND
    RPS[$key]=$(field rps)
    P50[$key]=$(field p50_us)
    P99[$key]=$(field p99_us)
    ERRS[$key]=$errs
    CPU_US[$key]=$cpu_us
}

# The disk's own append + fdatasync latency, in the directory that holds the data dirs.
probe_fsync() { # <label>
    local file="$OUT/fsync-$SERVER_NAME-$1$(round_suffix).txt"
    if [ ! -x "$FSYNCPROBE_BIN" ]; then
        log "fsync probe skipped: $FSYNCPROBE_BIN does not exist (build target qetcd-fsyncprobe)"
        return 0
    fi
    echo "fsync $SERVER_NAME-$1: $FSYNCPROBE_BIN -n $FSYNC_SAMPLES -s 256 $WORK" >>"$OUT/commands.txt"
    wait_quiet
    cpu_mark
    run_child timeout --kill-after=5 120 "$FSYNCPROBE_BIN" -n "$FSYNC_SAMPLES" -s 256 "$WORK" >"$file" 2>&1 ||
        { log "fsync probe failed, see $file"; return 0; }
    local line other
    other=$(other_cores)
    echo "# other processes used $other cores on average" >>"$file"
    line=$(grep '^fsyncprobe ' "$file" || true)
    [ -n "$line" ] || return 0
    FSYNC[$SERVER_NAME,$1,$ROUND]="$(sed -n 's/.* p50_us=\([0-9]*\) p99_us=\([0-9]*\) avg_us=\([0-9.]*\).*/\1 \2 \3/p' <<<"$line") $other"
    local k="$SERVER_NAME,$1,$ROUND"
    log "$SERVER_NAME: disk fdatasync p50/p99/avg $(ms "$(fsync_field "$k" 1)")/$(ms "$(fsync_field "$k" 2)")/$(ms "$(fsync_field "$k" 3)") ms"
}
fsync_field() { local v=${FSYNC[$1]:-}; [ -n "$v" ] && cut -d' ' -f"$2" <<<"$v" || true; }
# The disk's fdatasync p50 next to a server's reported 1-connection write: the lower of the probes
# right before and right after it. Other writers on the disk make its latency jump between two
# levels within seconds; the lower one is the disk's own cost, and judging against it never
# credits qetcd with a slow-disk moment that its write did not live through.
fsync_p50_around_put() { # <server>
    local b a
    b=$(fsync_field "$(fsync_key "$1" single)" 1)
    a=$(fsync_field "$(fsync_key "$1" single-after)" 1)
    if [ -n "$b" ] && [ -n "$a" ]; then echo $(( a < b ? a : b )); else echo "$b$a"; fi
}
# The probe that ran next to the reported round of a server's 1-connection write.
fsync_key() { # <server> <single|single-after|cluster>
    local scenario=put-c1
    [ "$2" = cluster ] && scenario=3m-leader-put-c1
    echo "$1,$2,${ROUND_OF[$1,$scenario]:-1}"
}

read_memory() { # <label>: VmRSS and VmHWM in kB of the first server
    local rss hwm pid=${SERVER_PIDS[0]}
    rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
    hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")
    MEM[$SERVER_NAME,$1,rss]=$rss
    MEM[$SERVER_NAME,$1,hwm]=$hwm
    echo "$SERVER_NAME $1 VmRSS=${rss}kB VmHWM=${hwm}kB" >>"$OUT/memory.txt"
}

ms() { [ -n "${1:-}" ] && awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }' || printf -- '-'; }
mib() { [ -n "${1:-}" ] && awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }' || printf -- '-'; }

# --- phases -------------------------------------------------------------------------------------
phase_single() {
    start_single "$SERVER_NAME" single
    load_keys "$BASE_URL" k "$PRELOAD" preload
    run_scenario get-c1 get 1 "$BASE_URL"
    run_scenario get-c64 get 64 "$BASE_URL"
    probe_fsync single
    run_scenario put-c1 put 1 "$BASE_URL"
    probe_fsync single-after
    run_scenario put-c64 put 64 "$BASE_URL"
    read_memory scenarios
    stop_servers
}
phase_memory() {
    (( BIG_KEYS > 0 )) || return 0
    start_single "$SERVER_NAME" memory
    load_keys "$BASE_URL" mem/ "$BIG_KEYS" memory
    sleep 1 # let a snapshot triggered by the last writes show in the peak, not halfway
    read_memory memory
    stop_servers
}
phase_cluster() {
    start_cluster "$SERVER_NAME"
    load_keys "$LEADER_URL" k "$PRELOAD" cluster-preload
    probe_fsync cluster
    run_scenario 3m-leader-put-c1 put 1 "$LEADER_URL"
    run_scenario 3m-leader-put-c64 put 64 "$LEADER_URL"
    if [ "$FOLLOWER" = 1 ]; then
        run_scenario 3m-follower-put-c1 put 1 "$FOLLOWER_URL"
        run_scenario 3m-follower-put-c64 put 64 "$FOLLOWER_URL"
    fi
    read_memory cluster-leader
    stop_servers
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
                log "etcd: skipped, no etcd on PATH or in .tools (make deps, apt-get install etcd-server, or set ETCD_BIN)"
                continue
            fi
            "$ETCD_BIN" --version >"$OUT/etcd-version.txt" 2>&1 || true ;;
        *) die "unknown server '$SERVER_NAME' in BENCH_SERVERS" ;;
    esac
    RAN+=("$SERVER_NAME")
done
(( ${#RAN[@]} > 0 )) || die "no server can be benchmarked"
log "load average at start: $LOAD_START"
for ROUND in $(seq 1 "$ROUNDS"); do
    for phase in $PHASES; do
        [ "$phase" = memory ] && (( ROUND > 1 )) && continue # memory does not depend on CPU contention
        for SERVER_NAME in "${RAN[@]}"; do "phase_$phase"; done
    done
done
LOAD_END=$(loadavg)

# --- report -------------------------------------------------------------------------------------
has() { [[ " ${RAN[*]} " == *" $1 "* ]]; }
cell_rps() { # <server> <scenario>
    local k="$1,$2"
    [ -n "${RPS[$k]:-}" ] || { printf -- '-'; return; }
    printf '%s' "${RPS[$k]}"
    (( ${ERRS[$k]:-0} > 0 )) && printf '*'
    return 0
}
cell_lat() { local k="$1,$2"; [ -n "${P50[$k]:-}" ] && printf '%s/%s' "$(ms "${P50[$k]}")" "$(ms "${P99[$k]}")" || printf -- '-'; }
cell_other() { printf '%s/%s' "${OTHER[qetcd,$1]:--}" "${OTHER[etcd,$1]:--}"; }
cell_cpu() { printf '%s/%s' "${CPU_US[qetcd,$1]:--}" "${CPU_US[etcd,$1]:--}"; }
ratio_of() { # <a> <b>
    if [ -n "${1:-}" ] && [ -n "${2:-}" ]; then
        awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'
    else printf -- '-'; fi
}
row() { # <scenario>
    printf '%-20s %12s %12s %6s %14s %14s %13s %9s\n' "$1" "$(cell_rps qetcd "$1")" "$(cell_rps etcd "$1")" \
        "$(ratio_of "${RPS[qetcd,$1]:-}" "${RPS[etcd,$1]:-}")" "$(cell_lat qetcd "$1")" "$(cell_lat etcd "$1")" \
        "$(cell_cpu "$1")" "$(cell_other "$1")"
}
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
TARGETS=()
target() { TARGETS+=("$(printf '%-44s %-46s %s' "$1" "$2" "$3")"); }
{
    echo "qetcd vs etcd, v2 API over HTTP on 127.0.0.1; $NCPU cores; wrk $DURATION per scenario; fsync on"
    echo "$PRELOAD keys preloaded, 256-byte values, random key per request. Latency in ms (p50/p99)."
    [ -f "$OUT/etcd-version.txt" ] && echo "reference: $(head -n 1 "$OUT/etcd-version.txt"), --enable-v2=true --snapshot-count 10000"
    echo "qetcd: $QETCD_BIN (built $(date -r "$QETCD_BIN" '+%Y-%m-%d %H:%M:%S %Z' 2>/dev/null || echo '?')$(
        git -C "$ROOT" rev-parse --short HEAD 2>/dev/null | sed 's/^/, tree at /' || true)); run started $STARTED"
    echo "load average (1/5/15 min) at start: $LOAD_START; at end: $LOAD_END"
    (( QUIET_WAIT > 0 )) && echo "waited $QUIET_WAITED s in all for other processes to drop below $QUIET_CORES cores (at most $QUIET_WAIT s per step)"
    echo
    (( ${#RPS[@]} > 0 )) &&
        printf '%-20s %12s %12s %6s %14s %14s %13s %9s\n' scenario "qetcd req/s" "etcd req/s" ratio "qetcd p50/p99" \
            "etcd p50/p99" "cpu us/req" "other q/e"
    if [[ " $PHASES " == *" single "* ]]; then
        echo "one member"
        for s in get-c1 get-c64 put-c1 put-c64; do row "$s"; done
    fi
    if [[ " $PHASES " == *" cluster "* ]]; then
        echo "3 members on loopback, wrk against the leader"
        for s in 3m-leader-put-c1 3m-leader-put-c64; do row "$s"; done
        if [ "$FOLLOWER" = 1 ]; then
            echo "3 members on loopback, wrk against a follower"
            for s in 3m-follower-put-c1 3m-follower-put-c64; do row "$s"; done
        fi
    fi
    if (( ${#RPS[@]} > 0 )); then
        echo "ratio = qetcd req/s / etcd req/s; * = wrk counted errors (non-2xx, timeouts, socket errors): see the raw file"
        echo "cpu us/req q/e = server CPU time per request (all members of a cluster), qetcd / etcd"
        echo "other q/e = cores used by other processes during the qetcd / etcd scenario (0.00 = machine was ours)"
        (( ROUNDS > 1 )) && echo "each row: of $ROUNDS rounds, the one with the least other-process CPU for that server; every round in rounds.txt"
        echo
    fi
    (( ${#FSYNC[@]} > 0 )) && echo "disk's own fdatasync (qetcd-fsyncprobe, $FSYNC_SAMPLES appends of 256 bytes in $(dirname "$WORK")), measured right before the writes (and once after put-c1):"
    for server in "${RAN[@]}"; do
        for phase in single single-after cluster; do
            k=$(fsync_key "$server" "$phase")
            [ -n "${FSYNC[$k]:-}" ] || continue
            where="before $server $phase"
            [ "$phase" = single-after ] && where="after $server put-c1"
            (( ROUNDS > 1 )) && where+=" r${k##*,}"
            printf '  %-21s p50 %s ms  p99 %s ms  avg %s ms  (other %s cores)\n' "$where" \
                "$(ms "$(fsync_field "$k" 1)")" "$(ms "$(fsync_field "$k" 2)")" "$(ms "$(fsync_field "$k" 3)")" "$(fsync_field "$k" 4)"
        done
    done
    for server in "${RAN[@]}"; do
        f=$(fsync_p50_around_put "$server"); p=${P50[$server,put-c1]:-}
        [ -n "$f" ] && [ -n "$p" ] || continue
        printf '  %-5s put-c1 p50 %s ms - fsync p50 %s ms (lower of before/after) = %s ms over one fdatasync\n' \
            "$server" "$(ms "$p")" "$(ms "$f")" "$(ms $(( p - f )))"
    done
    (( ${#FSYNC[@]} > 0 )) && echo
    if (( BIG_KEYS > 0 )) && [[ " $PHASES " == *" memory "* ]]; then
        echo "memory of a fresh member after loading $BIG_KEYS keys of 256 bytes (/v2/keys/bench/mem/<n>):"
        printf '  %-6s %10s %10s %20s\n' "" "VmRSS MiB" "VmHWM MiB" "load time"
        for server in "${RAN[@]}"; do
            read -r n secs <<<"${LOADED[$server,memory]:-- -}"
            printf '  %-6s %10s %10s %20s\n' "$server" "$(mib "${MEM[$server,memory,rss]:-}")" "$(mib "${MEM[$server,memory,hwm]:-}")" \
                "$n keys in ${secs} s"
        done
        printf '  %-6s %10s %10s\n' "q/e" "$(ratio_of "${MEM[qetcd,memory,rss]:-}" "${MEM[etcd,memory,rss]:-}")" \
            "$(ratio_of "${MEM[qetcd,memory,hwm]:-}" "${MEM[etcd,memory,hwm]:-}")"
    fi
    if [[ " $PHASES " == *" single "* ]]; then
        printf '  after the one-member scenarios:'
        for server in "${RAN[@]}"; do
            printf '  %s RSS %s HWM %s MiB' "$server" "$(mib "${MEM[$server,scenarios,rss]:-}")" "$(mib "${MEM[$server,scenarios,hwm]:-}")"
        done
        echo
    fi
    echo

    # Targets of the issues. MISS also when a figure is missing; n/a when etcd did not run.
    if has qetcd && [[ " $PHASES " == *" single "* ]]; then
        if has etcd; then
            r=$(ratio_of "${RPS[qetcd,get-c64]:-}" "${RPS[etcd,get-c64]:-}")
            q99=${P99[qetcd,get-c64]:-}; e99=${P99[etcd,get-c64]:-}
            res=MISS
            [ "$r" != - ] && [ -n "$q99" ] && [ -n "$e99" ] && ge "$r" 1.5 && lt "$q99" "$e99" && (( ${ERRS[qetcd,get-c64]:-0} == 0 )) && res=PASS
            target "GET c64, 1 member: >= 1.5x etcd, lower p99" "${r}x; p99 $(ms "$q99") vs $(ms "$e99") ms" "$res"
            r=$(ratio_of "${RPS[qetcd,put-c64]:-}" "${RPS[etcd,put-c64]:-}")
            res=MISS
            [ "$r" != - ] && ge "$r" 1.5 && (( ${ERRS[qetcd,put-c64]:-0} == 0 )) && res=PASS
            target "PUT c64, 1 member: >= 1.5x etcd" "${r}x (${RPS[qetcd,put-c64]:--} vs ${RPS[etcd,put-c64]:--} req/s)" "$res"
        else
            target "GET c64, 1 member: >= 1.5x etcd, lower p99" "etcd not run" "n/a"
            target "PUT c64, 1 member: >= 1.5x etcd" "etcd not run" "n/a"
        fi
        f=$(fsync_p50_around_put qetcd); p=${P50[qetcd,put-c1]:-}
        if [ -n "$f" ] && [ -n "$p" ]; then
            res=MISS
            (( p - f <= f )) && res=PASS
            target "PUT c1 p50 - fsync p50 <= one fsync p50" "$(ms "$p") - $(ms "$f") = $(ms $(( p - f ))) ms (<= $(ms "$f")?)" "$res"
        else
            target "PUT c1 p50 - fsync p50 <= one fsync p50" "no probe or no PUT c1 figure" "MISS"
        fi
    fi
    if has qetcd && (( BIG_KEYS > 0 )) && [[ " $PHASES " == *" memory "* ]]; then
        target "memory, $BIG_KEYS keys: printed beside etcd" \
            "RSS $(mib "${MEM[qetcd,memory,rss]:-}") vs $(mib "${MEM[etcd,memory,rss]:-}") MiB, HWM $(mib "${MEM[qetcd,memory,hwm]:-}") vs $(mib "${MEM[etcd,memory,hwm]:-}")" \
            "REPORTED"
    fi
    if has qetcd && [[ " $PHASES " == *" cluster "* ]]; then
        target "PUT c64, 3 members, leader (no target)" \
            "$(ratio_of "${RPS[qetcd,3m-leader-put-c64]:-}" "${RPS[etcd,3m-leader-put-c64]:-}")x (${RPS[qetcd,3m-leader-put-c64]:--} vs ${RPS[etcd,3m-leader-put-c64]:--} req/s)" \
            "REPORTED"
    fi
    if (( ${#TARGETS[@]} > 0 )); then
        printf '%-44s %-46s %s\n' target measured result
        printf '%s\n' "${TARGETS[@]}"
        echo
    fi
    echo "raw output: $OUT"
} | tee "$OUT/summary.txt"
