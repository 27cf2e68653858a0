#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors
# Renders docs/screenshots/*.png with qetcd-admin-screenshots (the app's
# windows driven by tools/screenshots/ScreenshotDirector; built beside
# qetcd-admin, not shipped), offscreen, against a throw-away 3-member qetcd
# cluster on free loopback ports (the tool fills it with example keys).
#   admin-gui/tools/make-screenshots.sh [build-dir] [output-dir]
# The latency page draws the live cluster: after ~25 s of samples the tool
# pauses one follower (SIGSTOP, --member-pids) for six seconds, grabs the page
# showing it not answering, and resumes it (SIGCONT).
# The zh_CN shots need a CJK font (Debian: fonts-wqy-microhei or
# fonts-noto-cjk); without one, Chinese text renders as boxes.
set -eu
BUILD=${1:-build}
OUT=${2:-docs/screenshots}
BIN="$BUILD/bin"
TMP=$(mktemp -d)
PIDS=""

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

start_cluster() {
    CLUSTER=""
    ENDPOINTS=""
    MEMBER_PIDS=""
    for i in 0 1 2; do
        eval "C$i=$(free_port)"
        eval "P$i=$(free_port)"
        eval "CLUSTER=\"\${CLUSTER:+\$CLUSTER,}infra$i=http://127.0.0.1:\$P$i\""
        eval "ENDPOINTS=\"\${ENDPOINTS:+\$ENDPOINTS,}http://127.0.0.1:\$C$i\""
    done
    for i in 0 1 2; do
        eval "c=\$C$i; p=\$P$i"
        "$BIN/qetcd" --name "infra$i" --data-dir "$TMP/infra$i.etcd" \
            --listen-client-urls "http://127.0.0.1:$c" --advertise-client-urls "http://127.0.0.1:$c" \
            --listen-peer-urls "http://127.0.0.1:$p" --initial-advertise-peer-urls "http://127.0.0.1:$p" \
            --initial-cluster "$CLUSTER" --initial-cluster-state new >"$TMP/infra$i.log" 2>&1 &
        PIDS="$PIDS $!"
        MEMBER_PIDS="${MEMBER_PIDS:+$MEMBER_PIDS,}infra$i=$!"
    done
    for i in 0 1 2; do
        eval "c=\$C$i"
        n=0
        until curl -sf "http://127.0.0.1:$c/health" 2>/dev/null | grep -q true; do
            n=$((n + 1))
            [ $n -lt 150 ] || { echo "member infra$i did not become healthy" >&2; cat "$TMP/infra$i.log" >&2; exit 1; }
            sleep 0.1
        done
    done
}
stop_cluster() {
    for p in $PIDS; do kill -CONT "$p" 2>/dev/null || true; kill "$p" 2>/dev/null || true; done
    for p in $PIDS; do wait "$p" 2>/dev/null || true; done
    PIDS=""
    rm -rf "$TMP"/infra*.etcd
}
trap 'stop_cluster; rm -rf "$TMP"' EXIT

for b in qetcd qetcd-admin-screenshots; do
    [ -x "$BIN/$b" ] || { echo "$BIN/$b is missing: cmake --build $BUILD --target $b" >&2; exit 1; }
done
mkdir -p "$OUT"
export QT_QPA_PLATFORM=offscreen
# English (C locale): every page.
start_cluster
LC_ALL=C LANG=C LANGUAGE= "$BIN/qetcd-admin-screenshots" --settings "$TMP/en.ini" \
    --endpoints "$ENDPOINTS" --member-pids "$MEMBER_PIDS" \
    --screenshot-dir "$OUT" --screenshot-pages keys,watch,cluster,latency,access
stop_cluster
# The same app in Simplified Chinese: it follows the system locale.
start_cluster
LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8 LANGUAGE=zh_CN "$BIN/qetcd-admin-screenshots" \
    --settings "$TMP/zh.ini" \
    --endpoints "$ENDPOINTS" --member-pids "$MEMBER_PIDS" --screenshot-dir "$OUT" \
    --screenshot-prefix zh_CN- \
    --screenshot-pages keys,cluster,latency,access
ls -l "$OUT"
