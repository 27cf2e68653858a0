#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors
# Issue 15's scale phases, qetcd and etcd 3.4 (v2) side by side, one server at a time, each on a
# fresh single member (three for install), fsync on, --snapshot-count SCALE_SNAPSHOT_COUNT for
# both, loopback only.
#
#   fill      wrk -t2 -c64 -d SCALE_DURATION PUTting 256-byte values to unique keys bench/k0,
#             k1 ... (fill.lua; the store grows by one key per write, up to SCALE_KEYS). About every
#             second: writes applied per second since the last sample (setsSuccess from
#             /v2/stats/store, over the time that really passed), the keys so far and VmRSS ->
#             <out>/<server>-series.csv. Throughout, stallprobe.py reads one key
#             back to back on its own connection (the snapshot-stall probe: its slowest answers are
#             the member's longest pauses, e.g. while a snapshot is taken). At the end: RSS and
#             peak RSS (VmHWM), the data dir's size; then SIGTERM and a restart on the same data
#             dir, timed from exec to the first answer of GET /v2/keys/probe (a key written before the fill),
#             with RSS and peak RSS at that answer (what loading the data dir cost).
#   watchers  a fresh member with SCALE_PRELOAD keys: wrk PUT c1 for SCALE_WATCH_DURATION (p99);
#             then qetcd-watchload opens SCALE_LONG_POLL idle long-poll watchers and SCALE_STREAMS
#             recursive stream watchers on bench/ (each sees every write); RSS before/after gives
#             memory per watcher; the same wrk PUT c1 again with them attached. Each of the two
#             runs is also made at a set pace of SCALE_WATCH_RATE writes a second (put.lua with
#             BENCH_DELAY_MS), so that the p99 with and without watchers is also compared at one
#             load: as fast as it can go, a member writes ten times fewer times a second with
#             1,000 streams to feed, and that p99 compares two different loads. The processor
#             time each write costs the server (/proc/<pid>/task/*/stat, as fast as it goes), with
#             and without the watchers, and for qetcd that of its member thread alone.
#   install   three members; m3 is stopped, wrk -t2 -c64 -d SCALE_INSTALL_DURATION fills through m1
#             (fill.lua), then m3 restarts and can only catch up from the leader's snapshot. Timed
#             from m3's exec until its X-Etcd-Index reaches m1's at the restart; then m3's RSS and
#             peak (the received image plus the store built from it) against its peers' RSS, and
#             one key read from m1 and m3 (same answer), and how many snapshots m3 installed.
#             With SCALE_INSTALL_LOAD=<duration>, the fill goes on through m1 for that long
#             after m3's restart, so m3 catches up under load; then also the time from the end
#             of that load until m3 reaches m1's last index. Not in the default SCALE_PHASES:
#             with etcd, three members at a few hundred thousand keys take several GB.
# Prints one table per phase and keeps everything under bench/results/scale-<stamp>/.
#
# Environment (defaults in brackets):
#   SCALE_PHASES [watchers fill]   SCALE_SERVERS [qetcd etcd]
#   SCALE_DURATION [140s]  SCALE_KEYS [1000000]  SCALE_SNAPSHOT_COUNT [10000]
#   SCALE_PRELOAD [1000]  SCALE_WATCH_DURATION [30s]  SCALE_LONG_POLL [10000]  SCALE_STREAMS [1000]
#   SCALE_INSTALL_DURATION [60s]  SCALE_INSTALL_LOAD [none]  SCALE_WATCH_RATE [100] writes a
#                         second of the paced runs
#   SCALE_WATCH_ROUNDS [1]  rounds of the watchers phase, each on a fresh member, the servers
#                         alternating (the p99 of a 30 s run moves a lot from run to run here)
#   SCALE_WATCH_NICE [0]  niceness of qetcd-watchload: 19 stands in for watchers on other machines,
#                         so the clients reading 1,000 streams do not take the member's processors
#   QETCD_BIN [build/bin/qetcd]  ETCD_BIN [etcd on PATH, or .tools/etcd from make deps]
#   WATCHLOAD_BIN [qetcd-watchload beside QETCD_BIN]
#   SCALE_VMSTALLS [0]  1: run bench/vmstalls.sh (as root, needs perf) during each watched run
#                         as fast as it goes, and print how much of it the host stopped this
#                         machine (on this project's VM it does when both processors are busy and
#                         the disk is written synchronously: bench/README "Scale", session 38).
#                         Only that run: elsewhere the processors idle, and a stretch with no
#                         sample may just be both idle. Not by default: its sampling slows the
#                         watched run (qetcd: about a fifth fewer writes a second, measured there).
# Needs wrk, curl, /usr/bin/python3 (and gnuplot, if installed, for <out>/<server>-series.png).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
LOG_TAG=scale
# shellcheck source=lib.sh
. "$BENCH_DIR/lib.sh"

QETCD_BIN=${QETCD_BIN:-$ROOT/build/bin/qetcd}
ETCD_BIN=${ETCD_BIN:-$(command -v etcd || echo "$ROOT/.tools/etcd")}
WATCHLOAD_BIN=${WATCHLOAD_BIN:-$(dirname "$QETCD_BIN")/qetcd-watchload}
# Watchers first: right after a fill (both servers' GBs written, restarted, stopped) the next
# minute's fsyncs stall now and then, and a bare PUT c1 p99 read 46 and 65 ms there against 2.5 ms
# on a quiet machine; the cause is not found.
PHASES=${SCALE_PHASES:-watchers fill}
SERVERS=${SCALE_SERVERS:-qetcd etcd}
DURATION=${SCALE_DURATION:-140s}
KEYS=${SCALE_KEYS:-1000000}
SNAPSHOT_COUNT=${SCALE_SNAPSHOT_COUNT:-10000}
PRELOAD=${SCALE_PRELOAD:-1000}
WATCH_DURATION=${SCALE_WATCH_DURATION:-30s}
WATCH_RATE=${SCALE_WATCH_RATE:-100}
LONG_POLL=${SCALE_LONG_POLL:-10000}
STREAMS=${SCALE_STREAMS:-1000}
WATCH_NICE=${SCALE_WATCH_NICE:-0}
WATCH_ROUNDS=${SCALE_WATCH_ROUNDS:-1}
INSTALL_DURATION=${SCALE_INSTALL_DURATION:-60s}
INSTALL_LOAD=${SCALE_INSTALL_LOAD:-}
SCALE_VMSTALLS=${SCALE_VMSTALLS:-0}
if [ "$SCALE_VMSTALLS" = 1 ]; then
    command -v perf >/dev/null || die "SCALE_VMSTALLS=1 needs perf (apt-get install linux-perf)"
fi
OUT=${SCALE_OUT:-$BENCH_DIR/results/scale-$(date +%Y%m%d-%H%M%S)}
WORK=$(mktemp -d /tmp/qetcd-scale.XXXXXX)
mkdir -p "$OUT"
trap 'bench_cleanup; rm -rf "$WORK"' EXIT

command -v wrk >/dev/null || die "wrk is missing (apt-get install wrk)"
[ -x "$QETCD_BIN" ] || die "no qetcd at $QETCD_BIN (make build)"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

SERVER_PID=""
# start <server> <data dir> <client port> <peer port> <log>: a single member named scale; sets
# SERVER_PID, STARTED (epoch s)
start() {
    start_member "$1" scale "$2" "$3" "$4" "scale=http://127.0.0.1:$4" new "$5"
}
# start_member <server> <name> <data dir> <client port> <peer port> <initial cluster> <state> <log>
start_member() {
    local url="http://127.0.0.1:$4" peer="http://127.0.0.1:$5"
    local args=(--name "$2" --data-dir "$3" --listen-client-urls "$url" --advertise-client-urls "$url"
        --listen-peer-urls "$peer" --initial-advertise-peer-urls "$peer"
        --initial-cluster "$6" --initial-cluster-state "$7" --snapshot-count "$SNAPSHOT_COUNT")
    STARTED=$(now)
    case "$1" in
        qetcd) "$QETCD_BIN" "${args[@]}" >>"$8" 2>&1 & ;;
        etcd) "$ETCD_BIN" "${args[@]}" --enable-v2=true >>"$8" 2>&1 & ;;
    esac
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
    echo "$1: ${args[*]}" >>"$OUT/commands.txt"
}
# Seconds from STARTED until GET <url> answers 200 (polled every 10 ms).
first_answer() {
    for _ in $(seq 1 12000); do
        kill -0 "$SERVER_PID" 2>/dev/null || die "server exited, see its log"
        if curl -sf --max-time 1 -o /dev/null "$1"; then
            awk -v a="$STARTED" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'
            return 0
        fi
        sleep 0.01
    done
    die "no answer from $1 after 120 s"
}
stop_server() { stop_pid "$SERVER_PID"; }
stop_pid() {
    kill -TERM "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}
# cpu_us <pid> [main]: processor time (user + system) the process has used so far, in µs; with
# "main", only its main thread's (qetcd's member thread, which runs Raft, the store and the
# hand-over of every event to its watchers).
cpu_us() {
    local t ticks=0 hz
    hz=$(getconf CLK_TCK)
    for t in /proc/"$1"/task/*; do
        [ "${2:-}" != main ] || [ "$t" = "/proc/$1/task/$1" ] || continue
        # Fields 14 and 15 of stat, counted after the ")" that ends the name (names may hold spaces).
        ticks=$((ticks + $(sed 's/.*) //' "$t/stat" 2>/dev/null | awk '{ print $12 + $13 }' || echo 0)))
    done
    echo $((ticks * 1000000 / hz))
}
status_kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
sets() { curl -sf --max-time 2 "$1/v2/stats/store" | sed -n 's/.*"setsSuccess":\([0-9]*\).*/\1/p'; }
wrk_field() { sed -n "s/.*BENCH_RESULT.* $2=\([0-9.]*\).*/\1/p" "$1"; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.0f", kb / 1024 }'; }

declare -A R

phase_fill() { # <server>
    local s=$1 cport pport url data="$WORK/$1-fill"
    cport=$(pick_port); pport=$(pick_port); url="http://127.0.0.1:$cport"
    start "$s" "$data" "$cport" "$pport" "$OUT/$s-fill.log"
    first_answer "$url/v2/stats/store" >/dev/null
    curl -sf -X PUT "$url/v2/keys/probe" -d value=p -o /dev/null
    /usr/bin/python3 "$BENCH_DIR/stallprobe.py" "$url/v2/keys/probe" >"$OUT/$s-stall.txt" &
    local probe=$!
    PIDS+=("$probe")
    echo "second,writes,keys,rss_mb" >"$OUT/$s-series.csv"
    log "$s: fill for $DURATION (wrk -t2 -c64, unique keys up to $KEYS)"
    fill_command "$s fill" "$url" "$DURATION"
    "${FILL[@]}" >"$OUT/$s-fill.wrk" 2>&1 &
    local wrkpid=$! base prev cur sec=0 t0 tprev t
    PIDS+=("$wrkpid")
    base=$(sets "$url"); prev=$base
    t0=$(date +%s%N); tprev=$t0
    while kill -0 "$wrkpid" 2>/dev/null; do
        sleep 1
        cur=$(sets "$url" || echo "$prev"); [ -n "$cur" ] || cur=$prev
        t=$(date +%s%N)
        sec=$((sec + 1))
        # A sample comes every second plus the time the query and this loop take (0.1 s and
        # more under load): the writes since the last one are divided by the time that really
        # passed, so each row is a rate per second, not a count over an interval of its own.
        echo "$sec,$(( (cur - prev) * 1000000000 / (t - tprev) )),$((cur - base)),$(mb "$(status_kb "$SERVER_PID" VmRSS)")" >>"$OUT/$s-series.csv"
        prev=$cur; tprev=$t
    done
    wait "$wrkpid" || true
    kill -TERM "$probe"; wait "$probe" || true
    R[$s,rps]=$(wrk_field "$OUT/$s-fill.wrk" rps)
    R[$s,p99]=$(wrk_field "$OUT/$s-fill.wrk" p99_us)
    R[$s,writes]=$(( $(sets "$url") - base ))
    R[$s,keys]=$(( R[$s,writes] < KEYS ? R[$s,writes] : KEYS ))
    R[$s,rss]=$(mb "$(status_kb "$SERVER_PID" VmRSS)")
    R[$s,hwm]=$(mb "$(status_kb "$SERVER_PID" VmHWM)")
    # Per-second series: median, slowest second, seconds below half the median (the first and
    # last seconds are partial and left out).
    local sorted
    sorted=$(awk -F, 'NR > 2 { print $2 }' "$OUT/$s-series.csv" | sed '$d' | sort -n)
    if [ -n "$sorted" ]; then
        local n
        n=$(wc -l <<<"$sorted")
        R[$s,median]=$(sed -n "$(( (n + 1) / 2 ))p" <<<"$sorted")
        R[$s,min]=$(head -n1 <<<"$sorted")
        R[$s,below]=$(awk -v m="${R[$s,median]}" '$1 < m / 2 { b++ } END { print b + 0 }' <<<"$sorted")
    fi
    R[$s,stall]=$(sed -n 's/.*max_ms=\([0-9.]*\).*/\1/p' "$OUT/$s-stall.txt")
    R[$s,stall99]=$(sed -n 's/.*p999_ms=\([0-9.]*\).*/\1/p' "$OUT/$s-stall.txt")
    stop_server
    R[$s,disk]=$(du -sm "$data" | cut -f1)
    start "$s" "$data" "$cport" "$pport" "$OUT/$s-restart.log"
    R[$s,restart]=$(first_answer "$url/v2/keys/probe")
    # What loading the data dir cost: RSS once it answers, and the peak on the way there.
    R[$s,rrss]=$(mb "$(status_kb "$SERVER_PID" VmRSS)")
    R[$s,rhwm]=$(mb "$(status_kb "$SERVER_PID" VmHWM)")
    stop_server
    # Left for the exit trap: deleting GBs makes ext4 stall fsyncs for seconds after
    # (fdatasync up to 122 ms in the 10 s after deleting 3 GB here, 3 ms before).
    log "$s: ${R[$s,keys]} keys, ${R[$s,rps]} w/s, p99 ${R[$s,p99]} us, RSS ${R[$s,rss]}/${R[$s,hwm]} MB, restart ${R[$s,restart]} s (RSS ${R[$s,rrss]}/${R[$s,rhwm]} MB)"
    if command -v gnuplot >/dev/null; then
        gnuplot -e "set terminal png size 900,400; set output '$OUT/$s-series.png'; set datafile separator ',';
            set xlabel 'second'; set ylabel 'writes/s'; set y2label 'RSS MB'; set y2tics;
            plot '$OUT/$s-series.csv' every ::1 using 1:2 with lines title '$s writes/s',
                 '' every ::1 using 1:4 axes x1y2 with lines title 'RSS MB'" 2>/dev/null || true
    fi
}

phase_watchers() { # <server> <round>
    local s=$1 r=$2 cport pport url data="$WORK/$1-watch" f="$OUT/$1"
    # One round keeps the file names of earlier runs; more rounds number theirs.
    ((WATCH_ROUNDS == 1)) || f="$OUT/$s-r$r"
    cport=$(pick_port); pport=$(pick_port); url="http://127.0.0.1:$cport"
    start "$s" "$data" "$cport" "$pport" "$f-watch.log"
    first_answer "$url/v2/stats/store" >/dev/null
    for i in $(seq 0 $((PRELOAD - 1))); do printf 'url = "%s"\noutput = "/dev/null"\n' "$url/v2/keys/bench/k$i"; done >"$WORK/preload.cfg"
    curl -sS --no-progress-meter --parallel --parallel-max 32 -K "$WORK/preload.cfg" -X PUT -d value=v || die "$s: preload failed"
    local w="BENCH_LUA_DIR=$BENCH_DIR BENCH_PRELOAD=$PRELOAD wrk -t1 -c1 -d$WATCH_DURATION -s bench/put.lua"
    echo "$s watchers, round $r: $w $url (without, then with nice -n $WATCH_NICE qetcd-watchload --long-poll $LONG_POLL --streams $STREAMS)" >>"$OUT/commands.txt"
    local delay
    delay=$(awk -v r="$WATCH_RATE" 'BEGIN { printf "%.3f", 1000 / r }')
    echo "$s watchers, round $r, paced: BENCH_DELAY_MS=$delay $w $url (without, then with the watchers)" >>"$OUT/commands.txt"
    put_c1() { # <output> [delay ms]
        BENCH_LUA_DIR="$BENCH_DIR" BENCH_PRELOAD=$PRELOAD BENCH_DELAY_MS=${2:-} wrk -t1 -c1 -d"$WATCH_DURATION" -s "$BENCH_DIR/put.lua" "$url" >"$1" 2>&1
    }
    # What one write costs the server in processor time, with and without the watchers: unlike a
    # p99 on a shared 2-core host, it hardly moves from run to run. Whole process for both servers;
    # for qetcd also its member thread, whose time per write bounds how fast writes go.
    local c0 m0
    cpu_mark() { c0=$(cpu_us "$SERVER_PID"); m0=$(cpu_us "$SERVER_PID" main); }
    cpu_per_write() { # <label> <wrk output>
        local writes
        writes=$(wrk_field "$2" requests)
        per_write() { awk -v a="$1" -v b="$2" -v n="$writes" 'BEGIN { printf "%.0f", n ? (b - a) / n : 0 }'; }
        R[$s,$r,${1}Cpu]=$(per_write "$c0" "$(cpu_us "$SERVER_PID")")
        R[$s,$r,${1}Member]=$(per_write "$m0" "$(cpu_us "$SERVER_PID" main)")
    }
    cpu_mark
    put_c1 "$f-put-bare.wrk"
    cpu_per_write bare "$f-put-bare.wrk"
    put_c1 "$f-put-bare-paced.wrk" "$delay"
    local before after
    before=$(status_kb "$SERVER_PID" VmRSS)
    nice -n "$WATCH_NICE" "$WATCHLOAD_BIN" "$url" --long-poll "$LONG_POLL" --streams "$STREAMS" >"$f-watchers.txt" 2>&1 &
    local wp=$!
    PIDS+=("$wp")
    for _ in $(seq 1 600); do grep -q WATCHERS_READY "$f-watchers.txt" && break; sleep 0.2; done
    grep -q WATCHERS_READY "$f-watchers.txt" || die "$s: watchers not ready after 120 s"
    sleep 2 # let the server settle its bookkeeping before reading RSS
    after=$(status_kb "$SERVER_PID" VmRSS)
    cpu_mark
    local vp=""
    if [ "$SCALE_VMSTALLS" = 1 ]; then
        # Starts with wrk and stops a second before it: the stretches are all inside the run.
        local seconds
        seconds=$(duration_seconds "$WATCH_DURATION")
        "$BENCH_DIR/vmstalls.sh" "$((seconds > 1 ? seconds - 1 : 1))" >"$f-put-watched.vmstalls" 2>&1 &
        vp=$!
    fi
    put_c1 "$f-put-watched.wrk"
    [ -z "$vp" ] || wait "$vp" || true
    cpu_per_write watched "$f-put-watched.wrk"
    # "... 218 ms in all (4.4%) ...": how much of the run no processor ran.
    [ -z "$vp" ] || R[$s,$r,stalled]=$(head -1 "$f-put-watched.vmstalls")
    put_c1 "$f-put-watched-paced.wrk" "$delay"
    kill -TERM "$wp"; wait "$wp" || true
    R[$s,$r,bare99]=$(wrk_field "$f-put-bare.wrk" p99_us)
    R[$s,$r,bareRps]=$(wrk_field "$f-put-bare.wrk" rps)
    R[$s,$r,w99]=$(wrk_field "$f-put-watched.wrk" p99_us)
    R[$s,$r,wRps]=$(wrk_field "$f-put-watched.wrk" rps)
    R[$s,$r,pBare99]=$(wrk_field "$f-put-bare-paced.wrk" p99_us)
    R[$s,$r,pBareRps]=$(wrk_field "$f-put-bare-paced.wrk" rps)
    R[$s,$r,pW99]=$(wrk_field "$f-put-watched-paced.wrk" p99_us)
    R[$s,$r,pWRps]=$(wrk_field "$f-put-watched-paced.wrk" rps)
    R[$s,$r,perWatcher]=$(awk -v a="$before" -v b="$after" -v n=$((LONG_POLL + STREAMS)) 'BEGIN { printf "%.1f", (b - a) / n }')
    R[$s,$r,ready]=$(sed -n 's/WATCHERS_READY //p' "$f-watchers.txt")
    # A stream the server cut (closed > 0) would make the watched run look lighter than it was.
    R[$s,$r,result]=$(sed -n 's/WATCHERS_RESULT //p' "$f-watchers.txt")
    stop_server
    rm -rf "$data"
    log "$s, round $r: PUT c1 p99 ${R[$s,$r,bare99]} us bare, ${R[$s,$r,w99]} us with watchers (${R[$s,$r,ready]}); ${R[$s,$r,perWatcher]} KiB per watcher"
}

# Sets FILL to the fill's wrk command (fill.lua: unique keys up to SCALE_KEYS) against <url> for
# <duration>, and records it in commands.txt under <what>. env execs wrk, so "${FILL[@]}" & gives
# wrk's own pid.
fill_command() { # <what> <url> <duration>
    FILL=(env BENCH_LUA_DIR="$BENCH_DIR" SCALE_KEYS="$KEYS" SCALE_THREADS=2
        wrk -t2 -c64 -d"$3" --timeout 10s -s "$BENCH_DIR/fill.lua" "$2")
    echo "$1: SCALE_KEYS=$KEYS SCALE_THREADS=2 wrk -t2 -c64 -d$3 --timeout 10s -s bench/fill.lua $2" >>"$OUT/commands.txt"
}

# Returns once the install phase's m3 (client port, pid) answers with an X-Etcd-Index of at least
# <index>; dies if it exits first or takes over 600 s.
m3_reaches() { # <server> <port> <pid> <index>
    local n="" _
    for _ in $(seq 1 6000); do
        kill -0 "$3" 2>/dev/null || die "$1: m3 exited while catching up, see $OUT/$1-install-m3.log"
        n=$(etcd_index "http://127.0.0.1:$2/v2/keys/probe")
        [ -n "$n" ] && [ "$n" -ge "$4" ] && return 0
        sleep 0.1
    done
    die "$1: m3 did not reach index $4 in 600 s"
}

phase_install() { # <server>
    local s=$1 i cluster="" url data="$WORK/$1-install" lead
    local -a cports pports pids
    for i in 1 2 3; do
        cports[i]=$(pick_port); pports[i]=$(pick_port)
        cluster+="${cluster:+,}m$i=http://127.0.0.1:${pports[i]}"
    done
    for i in 1 2 3; do
        start_member "$s" "m$i" "$data/m$i" "${cports[i]}" "${pports[i]}" "$cluster" new "$OUT/$s-install-m$i.log"
        pids[i]=$SERVER_PID
    done
    url="http://127.0.0.1:${cports[1]}"
    for _ in $(seq 1 600); do curl -sf --max-time 1 -o /dev/null -X PUT "$url/v2/keys/probe" -d value=p && break; sleep 0.2; done
    curl -sf --max-time 2 -o /dev/null "$url/v2/keys/probe" || die "$s: no cluster of three after 120 s"
    # m3 falls behind: stopped while the others take the fill, so that it can only catch up
    # from a snapshot (both servers keep a few thousand entries behind the last one).
    stop_pid "${pids[3]}"
    log "$s install: m3 stopped; fill through m1 for $INSTALL_DURATION (wrk -t2 -c64)"
    fill_command "$s install, m3 stopped (then restarted)" "$url" "$INSTALL_DURATION"
    "${FILL[@]}" >"$OUT/$s-install.wrk" 2>&1
    R[$s,iKeys]=$(sets "$url")
    lead=$(etcd_index "$url/v2/keys/probe")
    [ -n "$lead" ] || die "$s: m1 gives no X-Etcd-Index"
    local loader=""
    if [ -n "$INSTALL_LOAD" ]; then
        fill_command "$s install, while m3 catches up" "$url" "$INSTALL_LOAD"
        "${FILL[@]}" >"$OUT/$s-install-load.wrk" 2>&1 &
        loader=$!
    fi
    start_member "$s" m3 "$data/m3" "${cports[3]}" "${pports[3]}" "$cluster" existing "$OUT/$s-install-m3.log"
    pids[3]=$SERVER_PID
    # m3's data dir as the disk holds it (du: allocated blocks), every 20 ms while it catches up:
    # a received snapshot is spooled, then saved, then the old files go.
    local sampler
    # (du fails when a file goes while it counts, as spools and snapshots do: that sample is lost.)
    ( while kill -0 "${pids[3]}" 2>/dev/null; do du -sk "$data/m3" 2>/dev/null | cut -f1 || true; sleep 0.02; done ) >"$OUT/$s-install-m3-disk.kb" &
    sampler=$!
    m3_reaches "$s" "${cports[3]}" "${pids[3]}" "$lead"
    R[$s,iCatch]=$(awk -v a="$STARTED" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
    R[$s,iSettle]=-
    if [ -n "$loader" ]; then
        # Caught up under load; now whether it keeps up: m1's last index once the load is over.
        wait "$loader" || true
        local ended last
        ended=$(now)
        last=$(etcd_index "$url/v2/keys/probe")
        m3_reaches "$s" "${cports[3]}" "${pids[3]}" "$last"
        R[$s,iSettle]=$(awk -v a="$ended" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
    fi
    # qetcd's log line for each install, and etcd 3.4's.
    R[$s,iSnaps]=$(grep -c -E 'installed snapshot at index|finished applying incoming snapshot' "$OUT/$s-install-m3.log" || true)
    sleep 3 # what it keeps once the install is over, not the moment it ends
    kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
    R[$s,iDiskPeak]=$(awk '$1 > m { m = $1 } END { printf "%.0f", m / 1024 }' "$OUT/$s-install-m3-disk.kb")
    R[$s,iRss]=$(mb "$(status_kb "${pids[3]}" VmRSS)")
    R[$s,iHwm]=$(mb "$(status_kb "${pids[3]}" VmHWM)")
    R[$s,iPeers]="$(mb "$(status_kb "${pids[1]}" VmRSS)") / $(mb "$(status_kb "${pids[2]}" VmRSS)")"
    R[$s,iSame]=$([ "$(curl -sf --max-time 5 "$url/v2/keys/bench/k1")" = "$(curl -sf --max-time 5 "http://127.0.0.1:${cports[3]}/v2/keys/bench/k1")" ] && echo yes || echo NO)
    for i in 1 2 3; do stop_pid "${pids[i]}"; done
    R[$s,iDisk]=$(du -sm "$data/m3" | cut -f1)
    # The data dirs are left for the exit trap, as the fill's are.
    log "$s install: m3 reached index $lead in ${R[$s,iCatch]} s; RSS ${R[$s,iRss]}/${R[$s,iHwm]} MB (peers ${R[$s,iPeers]} MB)"
}

[[ " $PHASES " != *" watchers "* ]] || [ -x "$WATCHLOAD_BIN" ] || die "no qetcd-watchload at $WATCHLOAD_BIN (make build)"
for phase in $PHASES; do
    # The watchers phase's rounds alternate the servers, so that a slow spell of the host falls
    # on both.
    rounds=1
    [ "$phase" != watchers ] || rounds=$WATCH_ROUNDS
    for r in $(seq 1 "$rounds"); do
        for s in $SERVERS; do
            [ "$s" = etcd ] && { [ -x "$ETCD_BIN" ] || { log "no etcd ($ETCD_BIN): skipped"; continue; }; }
            # What the last phase wrote (GBs after a fill) goes to disk now, not during this one.
            sync
            "phase_$phase" "$s" "$r"
        done
    done
done

{
    echo "# scale run $(date -u +%FT%TZ), $(nproc) cores; commands in commands.txt"
    if [[ " $PHASES " == *" fill "* ]]; then
        echo
        echo "fill: wrk -t2 -c64 -d$DURATION, unique keys up to $KEYS, 256-byte values, --snapshot-count $SNAPSHOT_COUNT"
        printf '%-6s %9s %9s %8s %9s %8s %8s %6s %10s %12s %9s %8s %17s\n' server writes keys "w/s" "p99 ms" "med w/s" "min w/s" "<med/2" "RSS/peak" "stall max ms" "restart s" "disk MB" "restart RSS/peak"
        for s in $SERVERS; do
            [ -n "${R[$s,keys]:-}" ] || continue
            printf '%-6s %9s %9s %8s %9s %8s %8s %6s %10s %12s %9s %8s %17s\n' "$s" "${R[$s,writes]}" "${R[$s,keys]}" "${R[$s,rps]}" \
                "$(awk -v u="${R[$s,p99]}" 'BEGIN { printf "%.1f", u / 1000 }')" "${R[$s,median]}" "${R[$s,min]}" \
                "${R[$s,below]}" "${R[$s,rss]}/${R[$s,hwm]}" "${R[$s,stall]}" "${R[$s,restart]}" "${R[$s,disk]}" "${R[$s,rrss]}/${R[$s,rhwm]}"
        done
    fi
    if [[ " $PHASES " == *" watchers "* ]]; then
        ms() { awk -v u="$1" 'BEGIN { printf "%.2f", u / 1000 }'; }
        ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", b / a }'; }
        # median <key>: of R[<server>,<round>,<key>] over the rounds (server in $s)
        median() {
            for r in $(seq 1 "$WATCH_ROUNDS"); do echo "${R[$s,$r,$1]:-}"; done | grep . | sort -g |
                awk '{ v[NR] = $1 } END { if (NR) printf "%.1f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
        }
        echo
        echo "watchers: wrk PUT c1 -d$WATCH_DURATION, without and with $LONG_POLL idle long-poll + $STREAMS recursive stream watchers (qetcd-watchload at nice $WATCH_NICE), $WATCH_ROUNDS round(s), a fresh member each"
        # One row of each table (a round's, or the medians').
        wrow() { printf '%-6s %5s %10s %12s %12s %12s %10s %14s  %s\n' "$@"; }
        prow() { printf '%-6s %5s %10s %12s %12s %12s %10s\n' "$@"; }
        wrow server round "w/s bare" "p99 ms bare" "w/s watched" "p99 watched" "p99 ratio" "KiB/watcher" watchers
        for s in $SERVERS; do
            for r in $(seq 1 "$WATCH_ROUNDS"); do
                [ -n "${R[$s,$r,bare99]:-}" ] || continue
                wrow "$s" "$r" "${R[$s,$r,bareRps]}" "$(ms "${R[$s,$r,bare99]}")" \
                    "${R[$s,$r,wRps]}" "$(ms "${R[$s,$r,w99]}")" "$(ratio "${R[$s,$r,bare99]}" "${R[$s,$r,w99]}")" \
                    "${R[$s,$r,perWatcher]}" "${R[$s,$r,ready]}"
            done
            if ((WATCH_ROUNDS > 1)) && [ -n "${R[$s,1,bare99]:-}" ]; then
                wrow "$s" median "$(median bareRps)" "$(ms "$(median bare99)")" \
                    "$(median wRps)" "$(ms "$(median w99)")" "$(ratio "$(median bare99)" "$(median w99)")" "$(median perWatcher)" ""
            fi
        done
        echo "the same, paced at $WATCH_RATE writes a second (put.lua with BENCH_DELAY_MS)"
        prow server round "w/s bare" "p99 ms bare" "w/s watched" "p99 watched" "p99 ratio"
        for s in $SERVERS; do
            for r in $(seq 1 "$WATCH_ROUNDS"); do
                [ -n "${R[$s,$r,pBare99]:-}" ] || continue
                prow "$s" "$r" "${R[$s,$r,pBareRps]}" "$(ms "${R[$s,$r,pBare99]}")" \
                    "${R[$s,$r,pWRps]}" "$(ms "${R[$s,$r,pW99]}")" "$(ratio "${R[$s,$r,pBare99]}" "${R[$s,$r,pW99]}")"
            done
            if ((WATCH_ROUNDS > 1)) && [ -n "${R[$s,1,pBare99]:-}" ]; then
                prow "$s" median "$(median pBareRps)" "$(ms "$(median pBare99)")" \
                    "$(median pWRps)" "$(ms "$(median pW99)")" "$(ratio "$(median pBare99)" "$(median pW99)")"
            fi
        done
        echo "processor time per write as fast as it goes, in µs: the whole server, and qetcd's member thread"
        crow() { printf '%-6s %5s %12s %12s %8s %14s %14s\n' "$@"; }
        crow server round "cpu bare" "cpu watched" ratio "member bare" "member watched"
        for s in $SERVERS; do
            for r in $(seq 1 "$WATCH_ROUNDS"); do
                [ -n "${R[$s,$r,bareCpu]:-}" ] || continue
                mb=- mw=-
                [ "$s" != qetcd ] || { mb=${R[$s,$r,bareMember]}; mw=${R[$s,$r,watchedMember]}; }
                crow "$s" "$r" "${R[$s,$r,bareCpu]}" "${R[$s,$r,watchedCpu]}" "$(ratio "${R[$s,$r,bareCpu]}" "${R[$s,$r,watchedCpu]}")" "$mb" "$mw"
            done
        done
        if [ "$SCALE_VMSTALLS" = 1 ]; then
            echo "the host stopped this machine (no processor ran, bench/vmstalls.sh) during the watched run as fast as it goes:"
            for s in $SERVERS; do
                for r in $(seq 1 "$WATCH_ROUNDS"); do
                    [ -n "${R[$s,$r,bare99]:-}" ] || continue
                    printf '%-6s %5s  %s\n' "$s" "$r" "${R[$s,$r,stalled]:-}"
                done
            done
        fi
        for s in $SERVERS; do
            for r in $(seq 1 "$WATCH_ROUNDS"); do
                if [ -n "${R[$s,$r,bare99]:-}" ]; then echo "$s round $r watchers at the end: ${R[$s,$r,result]:-none reported}"; fi
            done
        done
    fi
    if [[ " $PHASES " == *" install "* ]]; then
        echo
        echo "install: three members, m3 stopped during wrk -t2 -c64 -d$INSTALL_DURATION (fill.lua) through m1, then restarted${INSTALL_LOAD:+; the fill goes on for $INSTALL_LOAD after the restart}"
        printf '%-6s %9s %12s %14s %16s %12s %9s %16s %10s %16s\n' server writes "catch-up s" "m3 RSS/peak" "m1 / m2 RSS" "k1 same" "m3 disk" "m3 disk peak" "installs" "after load s"
        for s in $SERVERS; do
            [ -n "${R[$s,iCatch]:-}" ] || continue
            printf '%-6s %9s %12s %14s %16s %12s %9s %16s %10s %16s\n' "$s" "${R[$s,iKeys]}" "${R[$s,iCatch]}" \
                "${R[$s,iRss]}/${R[$s,iHwm]} MB" "${R[$s,iPeers]} MB" "${R[$s,iSame]}" "${R[$s,iDisk]} MB" "${R[$s,iDiskPeak]} MB" \
                "${R[$s,iSnaps]}" "${R[$s,iSettle]}"
        done
    fi
} | tee "$OUT/summary.txt"
