# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors
# Helpers shared by the bench scripts that start their own servers (mirror.sh, import-etcd.sh,
# proxy.sh, scale.sh; run.sh takes duration_seconds and keeps its own log, die and traps):
# sourced after the script sets LOG_TAG. Every pid added to PIDS is killed and reaped on exit.
# Loopback only.

PIDS=()

log() { printf '[%s] %s\n' "$LOG_TAG" "$*"; }
die() { log "error: $*"; exit 1; }
bench_cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap bench_cleanup EXIT INT TERM

# A 127.0.0.1 port nothing answers on and this script has not handed out yet.
USED=" "
pick_port() {
    local p
    for _ in $(seq 1 500); do
        p=$(( 20000 + RANDOM % 12000 ))
        case "$USED" in *" $p "*) continue ;; esac
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then USED+="$p "; echo "$p"; return 0; fi
    done
    die "no free port"
}

now() { date +%s.%N; }
duration_seconds() { # 10 | 10s | 2m | 1h (as wrk takes them) -> seconds
    case "$1" in
        *s) echo "${1%s}" ;;
        *m) echo $((${1%m} * 60)) ;;
        *h) echo $((${1%h} * 3600)) ;;
        *) echo "$1" ;;
    esac
}

# The X-Etcd-Index a server answers GET <url> with (its store's index); empty while it does not
# answer (a failed curl must not end a script under pipefail).
etcd_index() { { curl -s --max-time 2 -D - -o /dev/null "$1" || true; } | tr -d '\r' | awk -F': ' 'tolower($1) == "x-etcd-index" { print $2 }'; }
